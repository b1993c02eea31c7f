import gc
import os
import sys
import tempfile

import pytest
from hypothesis import settings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
sys.path.insert(0, os.path.dirname(__file__))
# `shapelens check` keeps its cache out of the work tree, in a folder of this test session's.
os.environ.setdefault("SHAPELENS_CACHE_DIR", tempfile.mkdtemp(prefix="shapelens-test-cache-"))

# Property tests try the same examples on every run (`make test`, CI); the long run
# (SHAPELENS_LONG_FUZZ=1, `make fuzz`) explores fresh ones, and a case it finds becomes an @example.
settings.register_profile("fixed", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile("explore" if os.environ.get("SHAPELENS_LONG_FUZZ") == "1" else "fixed")


@pytest.fixture(autouse=True, scope="module")
def settled_heap():
    """The programs run under TensorFlow in this process leave millions of live objects (its graphs),
    and a full garbage collection walking them takes seconds: long enough to use up the time budget
    of whatever analysis it interrupts, which would then stop short on one run and not the next.
    After each module, what is alive is collected once and frozen out of later collections."""
    yield
    gc.collect()
    gc.freeze()
