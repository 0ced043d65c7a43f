"""e-ID credential tokens: JWS compact serialisation, EdDSA (Ed25519), verified offline.

Header ``{"alg": "EdDSA", "kid": "<platform key id>", "typ": "eid+jwt"}``; claims
``iss``, ``sub``, ``iat``, ``exp`` (required), ``nbf`` (optional) and the identity
fields listed in docs/payloads.md. Only ``alg: EdDSA`` is accepted: taking the
algorithm from the token would let ``none`` or an HMAC keyed with the public key
through (the classic JWS algorithm-confusion attacks).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from kiosk.payloads.keys import VerificationKeys, b64url_decode
from kiosk.payloads.types import PayloadKind, PayloadStatus, ScannedPayload

TOKEN_TYPE = "eid+jwt"
# Header segment of any JSON object starts "eyJ" ('{"'); a truncated token keeps that shape.
_JWS = re.compile(r"eyJ[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){0,3}")
_MAX_TOKEN = 2953  # QR version 40-L byte capacity: nothing longer can come off a code


def looks_like_jws(text: str) -> bool:
    """The shape of a JWS (or what is left of one): base64url segments, JSON-object header."""
    return len(text) <= _MAX_TOKEN and _JWS.fullmatch(text) is not None


def parse_eid(token: str, keys: VerificationKeys, now: dt.datetime) -> ScannedPayload:
    """Verify an e-ID token at ``now`` (timezone-aware).

    PyJWT checks the structure, the signature (EdDSA only) and the issuer; the times
    are checked here against the injected ``now``, with the configured leeway, since
    PyJWT reads the system clock.
    """
    kind = PayloadKind.E_ID
    if token.count(".") != 2:
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    if header.get("alg") != "EdDSA" or "crit" in header:
        return ScannedPayload(kind, PayloadStatus.FORGED)
    kid = header.get("kid", "1")
    if not isinstance(kid, str):
        return ScannedPayload(kind, PayloadStatus.MALFORMED)
    key = keys.platform.get(kid)
    if key is None:
        return ScannedPayload(kind, PayloadStatus.UNKNOWN_KEY, key_id=kid[:32])
    sig = b64url_decode(token.rsplit(".", 1)[1])
    if sig is None or len(sig) != 64:  # not an Ed25519 signature at all: damaged, not forged
        return ScannedPayload(kind, PayloadStatus.MALFORMED, key_id=kid)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=["EdDSA"],
            issuer=keys.eid_issuer,
            options={
                "require": ["exp", "sub"],
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": False,
                "verify_iss": keys.eid_issuer is not None,
            },
        )
    except (jwt.InvalidSignatureError, jwt.InvalidIssuerError):
        return ScannedPayload(kind, PayloadStatus.FORGED, key_id=kid)
    except jwt.InvalidTokenError:
        return ScannedPayload(kind, PayloadStatus.MALFORMED, key_id=kid)
    # Below here the platform vouched for the content; still check it, never trust shape.
    exp = _numeric_date(claims.get("exp"))
    nbf = _numeric_date(claims.get("nbf")) if "nbf" in claims else 0.0
    if exp is None or nbf is None or not isinstance(claims.get("sub"), str):
        return ScannedPayload(kind, PayloadStatus.MALFORMED, key_id=kid)
    t = now.timestamp()
    expires_at = dt.datetime.fromtimestamp(exp, dt.UTC)
    if t >= exp + keys.leeway_s:
        status = PayloadStatus.EXPIRED
    elif t < nbf - keys.leeway_s:
        status = PayloadStatus.NOT_YET_VALID
    else:
        status = PayloadStatus.OK
    return ScannedPayload(
        kind,
        status,
        expires_at=expires_at,
        key_id=kid,
        claims=claims if status is PayloadStatus.OK else {},
    )


def issue_eid_token(
    key: Ed25519PrivateKey,
    claims: Mapping[str, Any],
    *,
    kid: str = "1",
    issuer: str = "platform",
    lifetime_s: int = 300,
    now: dt.datetime | None = None,
) -> str:
    """Issue a token as the platform does (tests and the demo; ``central/`` has its own copy).

    ``exp``/``iat``/``nbf``/``iss`` are set from the arguments unless ``claims``
    already carries them (tests use that to mint expired or future tokens).
    """
    t = int((now or dt.datetime.now(dt.UTC)).timestamp())
    body: dict[str, Any] = {"iss": issuer, "iat": t, "nbf": t, "exp": t + lifetime_s}
    body.update(claims)
    return jwt.encode(body, key, algorithm="EdDSA", headers={"kid": kid, "typ": TOKEN_TYPE})


def identity_from_claims(claims: Mapping[str, Any]) -> Identity | None:
    """The :class:`Identity` carried by verified e-ID claims, or None if fields are missing."""
    try:
        doc_type = DocumentType(str(claims.get("doc_type", DocumentType.E_ID.value)))
        number = claims["doc_number"]
        surname = claims["surname"]
        given = claims.get("given_names", "")
        if not all(isinstance(v, str) for v in (number, surname, given)):
            return None
        birth = _date(claims.get("birth_date"))
        expiry = _date(claims.get("doc_expiry"))
        sex = Sex(str(claims.get("sex", "X")))
        nationality = str(claims.get("nationality", "CHN"))[:3]
    except (KeyError, ValueError):
        return None
    return Identity(
        document_type=doc_type,
        document_number=number,
        surname=surname,
        given_names=given,
        birth_date=birth,
        sex=sex,
        nationality=nationality,
        expiry_date=expiry,
        source=IdentitySource.E_ID_QR,
    )


def _numeric_date(value: Any) -> float | None:
    # bool is an int subclass; "exp": true must not mean 1 second after the epoch.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    v = float(value)
    if not math.isfinite(v) or not 0 <= v < 253402300800:  # before year 10000
        return None
    return v


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("date must be a string")
    return dt.date.fromisoformat(value)
