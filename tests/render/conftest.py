import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite tests/render/snapshots from the current renders instead of comparing",
    )


@pytest.fixture
def update_snapshots(request):
    return request.config.getoption("--update-snapshots")
