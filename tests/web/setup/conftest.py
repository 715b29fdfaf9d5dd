from tests.web.conftest import as_user  # noqa: F401
from tests.workflow.setup.conftest import dinkes, organisasi, other_region, region  # noqa: F401
