"""Creates the tables once, before the workers start (the example does it in a lifespan hook,
where two workers would race to create the same tables)."""

import asyncio

from app import create_db_and_tables

asyncio.run(create_db_and_tables())
