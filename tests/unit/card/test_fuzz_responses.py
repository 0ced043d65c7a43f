"""Hostile and broken chips: ≥ 10,000 mutated responses never raise out of the read path.

The chip runs in process with seeded randomness, so every example is reproducible and
fast; the read path under test is exactly the one the pyscard driver runs.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.card import tlv
from drivers.card.icao import FID_COM, FID_DG1, FID_DG2, FID_SOD, read_document
from drivers.card.passive_auth import TrustList
from drivers.card.types import BacKeys, PassiveAuthStatus, ReadOutcome, ReadResult
from tests.support.icao_chip import ChipConfig, IcaoChip, seeded_rng, tiny_jpeg
from tests.support.icao_pki import Csca

KEYS = BacKeys("L898902C3", "740812", "320415")
PHOTO = tiny_jpeg()
FUZZ = settings(
    max_examples=10_000,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Mutation:
    apdu: int  # which response (1-based) to damage
    kind: str
    pos: int
    payload: bytes


def _mutate(response: bytes, m: Mutation) -> bytes:
    n = len(response)
    p = m.pos % (n + 1)
    if m.kind == "flip" and n:
        i = m.pos % n
        return response[:i] + bytes([response[i] ^ (m.payload[0] or 1)]) + response[i + 1 :]
    if m.kind == "truncate":
        return response[:p]
    if m.kind == "extend":
        return response + m.payload
    if m.kind == "replace":
        return m.payload
    if m.kind == "sw":
        return response[:-2] + (m.payload * 2)[:2]
    if m.kind == "insert":
        return response[:p] + m.payload + response[p:]
    return b""


class MutatingTransport:
    """Feeds the chip's answers through the mutations.

    With a ``replay`` of a clean read, answers before the first mutation come from the
    recording and the chip continues from the snapshot taken at that point: the same
    bytes as running it live (all randomness is seeded, and the chip draws random bytes
    only during BAC, which always runs live), at a fraction of the cost.
    """

    def __init__(
        self, chip: IcaoChip, muts: list[Mutation], replay: list[Step] | None = None
    ) -> None:
        self.chip = chip
        self.by_apdu: dict[int, list[Mutation]] = {}
        for m in muts:
            self.by_apdu.setdefault(m.apdu, []).append(m)
        self.count = 0
        self.mutated = 0
        self.recording = replay is None
        first = min(self.by_apdu, default=0)
        self.replay = replay if replay is not None and first > BAC_APDUS else None
        self.record: list[Step] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.count += 1
        if self.replay is not None:
            step = self.replay[self.count - 1]
            if step.command == apdu and self.count not in self.by_apdu:
                return step.response
            self.chip = _snapshot(self.replay[self.count - 2].chip_after)
            self.replay = None
        response = self.chip.process(apdu)
        if self.recording:
            self.record.append(Step(apdu, response, _snapshot(self.chip)))
        for m in self.by_apdu.get(self.count, []):
            self.mutated += 1
            response = _mutate(response, m)
        return response


def _snapshot(chip: IcaoChip) -> IcaoChip:
    copied = copy.copy(chip)
    copied._files = dict(chip._files)
    return copied


@dataclass(frozen=True)
class Step:
    command: bytes
    response: bytes
    chip_after: IcaoChip


def _new_chip() -> IcaoChip:
    return IcaoChip(ChipConfig(photo=PHOTO), rng=seeded_rng(1))


def _reference() -> tuple[ReadResult, list[Step]]:
    transport = MutatingTransport(_new_chip(), [])
    return read_document(transport, KEYS, random_bytes=seeded_rng(2)), transport.record


REFERENCE, REPLAY = _reference()
REFERENCE_APDUS = REFERENCE.apdus  # every mutation lands on an APDU a clean read sends
BAC_APDUS = 4  # EF.CardAccess, SELECT, GET CHALLENGE, EXTERNAL AUTHENTICATE


KINDS = ("flip", "truncate", "extend", "replace", "sw", "insert", "empty")
BYTES_PER_READ = 16


def decode_mutations(raw: bytes) -> list[Mutation]:
    """One or two mutations from 16 drawn bytes.

    Drawing flat bytes instead of structured objects keeps hypothesis' own cost per
    example small (it dominated the run otherwise) while it can still shrink failures.
    """
    out = []
    for j in range(2):
        b = raw[8 * j : 8 * j + 8]
        if j and b[0] & 1:
            break
        out.append(
            Mutation(
                apdu=1 + b[1] % REFERENCE_APDUS,
                kind=KINDS[b[2] % len(KINDS)],
                pos=int.from_bytes(b[3:5], "big") % 512,
                payload=b[5 : 6 + b[0] % 3],
            )
        )
    return out


def test_reference_read_succeeds() -> None:
    assert REFERENCE.ok


READS_PER_EXAMPLE = 20


@settings(FUZZ, max_examples=500)
@given(st.binary(min_size=BYTES_PER_READ * READS_PER_EXAMPLE, max_size=BYTES_PER_READ * 20))
def test_mutated_responses_never_raise(raw: bytes) -> None:
    """500 examples x 20 reads = 10,000 reads, each with at least one damaged response."""
    for i in range(READS_PER_EXAMPLE):
        muts = decode_mutations(raw[BYTES_PER_READ * i : BYTES_PER_READ * (i + 1)])
        transport = MutatingTransport(_new_chip(), muts, REPLAY)
        result = read_document(transport, KEYS, random_bytes=seeded_rng(2))
        assert transport.mutated >= 1
        assert isinstance(result.outcome, ReadOutcome)
        if result.outcome is ReadOutcome.OK:
            # Secure messaging must not let a damaged answer through as different data;
            # a damaged DG2 may only cost the photo (and then says why).
            doc, ref = result.document, REFERENCE.document
            assert doc is not None and ref is not None
            if doc.face is None and doc.face_problem:
                assert doc == replace(ref, face=None, face_problem=doc.face_problem)
            else:
                assert doc == ref
        else:
            assert result.document is None


file_ids = st.sampled_from([FID_COM, FID_DG1, FID_DG2])


@settings(FUZZ, max_examples=400)
@given(fid=file_ids, pos=st.integers(0, 2000), payload=st.binary(max_size=12), cut=st.booleans())
def test_hostile_file_contents_behind_valid_mac(
    fid: int, pos: int, payload: bytes, cut: bool
) -> None:
    """A chip with valid keys serving malformed LDS files (TLV, lengths, records)."""
    chip = IcaoChip(ChipConfig(photo=PHOTO), rng=seeded_rng(1))
    content = chip._files[fid]
    p = pos % (len(content) + 1)
    chip._files[fid] = content[:p] + payload + (b"" if cut else content[p + len(payload) :])
    result = read_document(MutatingTransport(chip, []), KEYS, random_bytes=seeded_rng(2))
    assert isinstance(result.outcome, ReadOutcome)
    if result.outcome is ReadOutcome.OK:
        # Without passive authentication (EF.SOD) only the check-digit fields are bound
        # to the access keys; those must be the document's own.
        assert result.document is not None and REFERENCE.document is not None
        got, want = result.document.mrz, REFERENCE.document.mrz
        assert (got.document_number, got.birth_date, got.expiry_date) == (
            want.document_number,
            want.birth_date,
            want.expiry_date,
        )


@settings(FUZZ, max_examples=500)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_break_tlv_decoding(data: bytes) -> None:
    items = tlv.decode_all(data)
    if items is not None:
        assert b"".join(tlv.encode(i.tag, i.value) for i in items) or data == b""


CSCA = Csca.create()
SIGNER = CSCA.issue_signer()
TRUST = TrustList((CSCA.cert,))


@settings(FUZZ, max_examples=200)
@given(
    fid=st.sampled_from([FID_SOD, FID_DG1]),
    pos=st.integers(0, 2000),
    payload=st.binary(min_size=1, max_size=8),
)
def test_hostile_sod_or_altered_dg1_never_passes_passive_authentication(
    fid: int, pos: int, payload: bytes
) -> None:
    """A signed chip serving a damaged EF.SOD, or a DG1 other than the one signed."""
    chip = IcaoChip(ChipConfig(photo=PHOTO, sod_signer=SIGNER), rng=seeded_rng(1))
    original = chip._files[fid]
    p = pos % len(original)
    changed = original[:p] + payload + original[p + len(payload) :]
    if changed == original:
        return
    chip._files[fid] = changed
    result = read_document(
        MutatingTransport(chip, []), KEYS, random_bytes=seeded_rng(2), trust_list=TRUST
    )
    assert isinstance(result.outcome, ReadOutcome)
    if result.outcome is ReadOutcome.OK and fid == FID_DG1:
        assert result.document is not None
        assert result.document.passive_auth.status is PassiveAuthStatus.FAILED


def test_the_signed_chip_itself_verifies() -> None:
    chip = IcaoChip(ChipConfig(photo=PHOTO, sod_signer=SIGNER), rng=seeded_rng(1))
    result = read_document(
        MutatingTransport(chip, []), KEYS, random_bytes=seeded_rng(2), trust_list=TRUST
    )
    assert result.ok and result.document is not None
    assert result.document.passive_auth.status is PassiveAuthStatus.VERIFIED
    # A name change keeps every check digit valid, so only passive authentication sees it.
    chip._files[FID_DG1] = chip._files[FID_DG1].replace(b"ERIKSSON", b"ERIKSSEN")
    result = read_document(
        MutatingTransport(chip, []), KEYS, random_bytes=seeded_rng(2), trust_list=TRUST
    )
    assert result.ok and result.document is not None
    assert result.document.passive_auth.status is PassiveAuthStatus.FAILED


def test_a_chip_without_ef_sod_fails_only_when_a_trust_list_is_configured() -> None:
    for trust, status in (
        (TRUST, PassiveAuthStatus.FAILED),
        (None, PassiveAuthStatus.NOT_VERIFIABLE),
    ):
        chip = IcaoChip(ChipConfig(photo=PHOTO), rng=seeded_rng(1))  # no signer: no EF.SOD
        result = read_document(
            MutatingTransport(chip, []), KEYS, random_bytes=seeded_rng(2), trust_list=trust
        )
        assert result.ok and result.document is not None
        assert result.document.passive_auth.status is status
        assert "EF.SOD" in result.document.passive_auth.detail
