"""Purposes, legal bases, retention and the role → variant → purposes access table, from YAML.

Loaded once at start and validated strictly: a typo in a legal basis or an unknown role must stop
the service, not quietly grant or deny access later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from callvault.vault.errors import ConfigurationError
from models import Role


class LegalBasis(StrEnum):
    """GDPR Art. 6(1)(a)–(f)."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTEREST = "legitimate_interest"


class Variant(StrEnum):
    REDACTED = "redacted"
    ORIGINAL = "original"


class PurposeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    legal_basis: LegalBasis
    retention_days: int = Field(gt=0, le=36500)
    description: str = ""


class PolicyFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    purposes: dict[str, PurposeSpec] = Field(min_length=1)
    access: dict[Role, dict[Variant, list[str]]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_purposes(self) -> PolicyFile:
        for role, variants in self.access.items():
            for variant, names in variants.items():
                unknown = [n for n in names if n != "*" and n not in self.purposes]
                if unknown:
                    raise ValueError(f"access.{role}.{variant}: unknown purpose {unknown[0]}")
        return self


@dataclass(frozen=True)
class Policy:
    purposes: dict[str, PurposeSpec]
    access: dict[Role, dict[Variant, frozenset[str]]]
    source: str

    def spec(self, purpose: str) -> PurposeSpec | None:
        return self.purposes.get(purpose)

    def retention_until(self, purpose: str, start: datetime) -> datetime:
        return start + timedelta(days=self.purposes[purpose].retention_days)

    def allowed(self, role: Role, variant: Variant) -> frozenset[str]:
        """Purposes for which `role` may see `variant`; empty means never."""
        return self.access.get(role, {}).get(variant, frozenset())


def load_policy(path: Path | None = None) -> Policy:
    try:
        if path is None:
            text = resources.files("callvault").joinpath("policy.default.yaml").read_text("utf-8")
            source = "default"
        else:
            text = path.read_text(encoding="utf-8")
            source = str(path)
        raw: Any = yaml.safe_load(text)
        parsed = PolicyFile.model_validate(raw)
    except OSError as exc:
        raise ConfigurationError(f"policy file unreadable ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"policy file is not valid YAML ({type(exc).__name__})") from None
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise ConfigurationError(f"policy file invalid at {where}: {exc.errors()[0]['msg']}") from None
    access = {
        role: {
            variant: frozenset(parsed.purposes if "*" in names else names)
            for variant, names in variants.items()
        }
        for role, variants in parsed.access.items()
    }
    return Policy(purposes=dict(parsed.purposes), access=access, source=source)
