from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SEEDS = RAW / "seeds"
SEED_001 = SEEDS / "001_dcadee23f926a999.txt"


@pytest.fixture(scope="session")
def nlp():
    from pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def rules_nlp():
    """The rules alone (every trained model off): for tests of what the rules do."""
    from pipeline import Pipeline
    from pipeline.core import load_config, rules_only_overrides
    return Pipeline(overrides=rules_only_overrides(load_config()))


@pytest.fixture(scope="session")
def seed_docs(nlp):
    return {p.stem: nlp(p) for p in sorted(SEEDS.glob("*.txt"))}
