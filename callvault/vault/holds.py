"""Legal hold: a recording needed for litigation or an investigation is frozen as it is.

Purge and erasure skip a held recording entirely (no purpose dropped, nothing shredded) until the
DPO lifts the hold. The reference names the case (an id, never a description of the people in it).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from callvault.vault.access import DPO_ONLY, check_recording, require_role
from callvault.vault.errors import ConflictError
from callvault.vault.identity import Principal
from callvault.vault.policy import Policy
from models import Recording


def _locked(session: Session, principal: Principal, policy: Policy, recording_id: str) -> Recording:
    require_role(principal, DPO_ONLY, "place or lift legal holds")
    return check_recording(principal, policy, session.get(Recording, recording_id,
                                                          with_for_update=True))


def place(session: Session, principal: Principal, policy: Policy, recording_id: str,
          reference: str, now: datetime) -> Recording:  # fmt: skip
    rec = _locked(session, principal, policy, recording_id)
    if rec.legal_hold:
        raise ConflictError("recording is already on legal hold")
    rec.legal_hold, rec.legal_hold_ref = True, reference
    rec.legal_hold_since, rec.legal_hold_by = now, principal.id
    session.flush()
    return rec


def lift(session: Session, principal: Principal, policy: Policy, recording_id: str) -> Recording:
    rec = _locked(session, principal, policy, recording_id)
    if not rec.legal_hold:
        raise ConflictError("recording is not on legal hold")
    rec.legal_hold, rec.legal_hold_ref, rec.legal_hold_since, rec.legal_hold_by = (
        False, None, None, None)  # fmt: skip
    session.flush()
    return rec
