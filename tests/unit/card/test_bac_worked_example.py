"""ICAO 9303-11 appendix D (BAC and secure messaging worked example), value by value."""

from __future__ import annotations

from collections.abc import Callable

from drivers.card import crypto
from drivers.card.icao import bac_command, bac_session, read_card_access
from drivers.card.mrz import mrz_information
from drivers.card.sm import SecureChannel, SmResponse

H = bytes.fromhex
MRZ_INFO = "L898902C<369080619406236"
RND_ICC = H("4608F91988702212")
RND_IFD = H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
K_ENC = H("AB94FDECF2674FDFB9B391F85D7F76F2")
K_MAC = H("7962D9ECE03D1ACD4C76089DCE131543")
E_IFD = H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
M_IFD = H("5F1448EEA8AD90A7")
EA_RESPONSE = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
KS_ENC = H("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = H("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = H("887022120C06C226")


def test_mrz_information_and_key_seed() -> None:
    assert mrz_information("L898902C", "690806", "940623") == MRZ_INFO
    assert crypto.key_seed(MRZ_INFO) == H("239AB9CB282DAF66231DC5A4DF6BFBAE")


def test_basic_access_keys() -> None:
    assert crypto.bac_keys(MRZ_INFO) == (K_ENC, K_MAC)


def test_external_authenticate_command() -> None:
    cmd = bac_command(K_ENC, K_MAC, RND_ICC, RND_IFD, K_IFD)
    assert cmd[:32] == E_IFD
    assert cmd[32:] == M_IFD


def test_session_keys_and_ssc_from_chip_answer() -> None:
    channel = bac_session(K_ENC, K_MAC, EA_RESPONSE, RND_ICC, RND_IFD, K_IFD)
    assert isinstance(channel, SecureChannel)
    assert crypto.xor(K_IFD, H("0B4F80323EB3191CB04970CB4052790B")) == H(
        "0036D272F5C350ACAC50C3F572D23600"
    )
    assert channel.ks_enc == KS_ENC
    assert channel.ks_mac == KS_MAC
    assert channel.ssc == SSC


def test_chip_answer_with_a_flipped_bit_is_refused() -> None:
    bad = bytearray(EA_RESPONSE)
    bad[5] ^= 0x40
    assert isinstance(bac_session(K_ENC, K_MAC, bytes(bad), RND_ICC, RND_IFD, K_IFD), str)


def test_secure_messaging_example_apdus() -> None:
    sm = SecureChannel(KS_ENC, KS_MAC, SSC)
    # SELECT EF.COM
    assert sm.protect(H("00A4020C"), H("011E")) == H(
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    )
    assert sm.ssc == H("887022120C06C227")
    assert sm.unprotect(H("990290008E08FA855A5D4C50A8ED9000")) == SmResponse(b"", 0x9000)
    assert sm.ssc == H("887022120C06C228")
    # READ BINARY, first four bytes
    assert sm.protect(H("00B00000"), le=4) == H("0CB000000D9701048E08ED6705417E96BA5500")
    assert sm.ssc == H("887022120C06C229")
    answer = sm.unprotect(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"))
    assert answer == SmResponse(H("60145F01"), 0x9000)
    assert sm.ssc == H("887022120C06C22A")
    # READ BINARY, the remaining 18 bytes
    assert sm.protect(H("00B00004"), le=0x12) == H("0CB000040D9701128E082EA28A70F3C7B53500")
    assert sm.ssc == H("887022120C06C22B")
    answer = sm.unprotect(
        H("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000")
    )
    assert answer == SmResponse(H("04303130365F36063034303030305C026175"), 0x9000)
    assert sm.ssc == H("887022120C06C22C")


def test_response_with_wrong_mac_is_refused() -> None:
    sm = SecureChannel(KS_ENC, KS_MAC, H("887022120C06C227"))
    assert sm.unprotect(H("990290008E08FA855A5D4C50A8EE9000")) == "MAC mismatch"


class _Scripted:
    def __init__(self, answers: list[bytes]) -> None:
        self.answers = answers
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        return self.answers.pop(0)


def _fixed(*chunks: bytes) -> Callable[[int], bytes]:
    queue = list(chunks)
    return lambda n: queue.pop(0)


def test_whole_worked_example_through_the_read_path() -> None:
    """GET CHALLENGE, EXTERNAL AUTHENTICATE and EF.COM exactly as in the standard."""
    from drivers.card import icao

    script = _Scripted(
        [
            H("4608F91988702212 9000".replace(" ", "")),
            EA_RESPONSE + H("9000"),
            H("990290008E08FA855A5D4C50A8ED9000"),
            H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"),
            H(
                "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08"
                "C8B2787EAEA07D749000"
            ),
        ]
    )
    link = icao._Link(script, None, lambda: 0.0)
    channel = icao.bac(link, MRZ_INFO, _fixed(RND_IFD, K_IFD), pace=False)
    assert channel.ssc == SSC
    com = icao._read_file(link, channel, icao.FID_COM, 0x60, "EF.COM")
    assert com == H("60145F0104303130365F36063034303030305C026175")
    assert icao.parse_com(com) == (1, 2)
    assert script.sent == [
        H("0084000008"),
        H("0082000028") + E_IFD + M_IFD + H("28"),
        H("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"),
        H("0CB000000D9701048E08ED6705417E96BA5500"),
        H("0CB000040D9701128E082EA28A70F3C7B53500"),
    ]


def test_card_access_without_pace_info_means_bac() -> None:
    from drivers.card import icao

    link = icao._Link(_Scripted([H("6A82")]), None, lambda: 0.0)
    assert read_card_access(link) is False
