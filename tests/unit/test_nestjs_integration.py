"""hooks/integrations/nestjs.py: which module imports the auth's AuthModule, under which name, with which options."""

from __future__ import annotations

import json
from pathlib import Path

import integration
import manifests
from project import Project

NESTJS = manifests.load_stacks()["nestjs"]
module = integration.load_module(NESTJS.integration_path, "nestjs")

MAIN = """import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ShopModule } from './shop.module';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(ShopModule);
  await app.listen(3000);
}
void bootstrap();
"""

SHOP_MODULE = """import { Module } from '@nestjs/common';
import { OrdersModule } from './orders/orders.module';

@Module({
  imports: [
    OrdersModule,
  ],
})
export class ShopModule {}
"""


def host(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "package.json").write_text(json.dumps({"scripts": {"start": "node dist/main.js"}}))
    return tmp_path


def wire(folder: Path) -> list[integration.Outcome]:
    return integration.apply_edits(module.edits(Project(folder, {"backend": "nestjs", "mode": 1}), folder))


def test_the_module_main_starts_imports_the_auth_first_in_its_own_style(tmp_path):
    folder = host(tmp_path, {"src/main.ts": MAIN, "src/shop.module.ts": SHOP_MODULE})
    assert [outcome.status for outcome in wire(folder)] == ["applied"]
    text = (folder / "src/shop.module.ts").read_text()
    assert text.splitlines()[:8] == [
        "import { Module } from '@nestjs/common';",
        "import { OrdersModule } from './orders/orders.module';",
        "import { AuthModule } from '../auth/dist/index.js';  // AUTH_INTEGRATION_POINT",
        "",
        "@Module({",
        "  imports: [",
        "    AuthModule.forRoot(),  // AUTH_INTEGRATION_POINT",
        "    OrdersModule,",
    ]
    assert integration.removed_lines(SHOP_MODULE, text) == []
    assert [outcome.status for outcome in wire(folder)] == ["already there"]
    assert (folder / "src/shop.module.ts").read_text() == text


def test_a_host_with_its_own_auth_module_and_health_gets_another_name_and_no_health(tmp_path):
    own = SHOP_MODULE.replace("OrdersModule", "AuthModule").replace("./orders/orders", "./auth/auth")
    health = "import { Controller } from '@nestjs/common';\n\n@Controller('health')\nexport class Health {}\n"
    folder = host(tmp_path, {"src/main.ts": MAIN, "src/shop.module.ts": own, "src/health.controller.ts": health})
    assert [outcome.status for outcome in wire(folder)] == ["applied"]
    added = integration.added_lines(own, (folder / "src/shop.module.ts").read_text())
    assert added == [
        "import { AuthModule as UniversalAuthModule } from '../auth/dist/index.js';  // AUTH_INTEGRATION_POINT",
        "    UniversalAuthModule.forRoot({ health: false }),  // AUTH_INTEGRATION_POINT",
    ]


def test_a_module_without_imports_gets_the_key(tmp_path):
    bare = 'import { Module } from "@nestjs/common"\n\n@Module({\n  controllers: [],\n})\nexport class AppModule {}\n'
    main = MAIN.replace("ShopModule", "AppModule").replace("./shop.module", "./app.module")
    folder = host(tmp_path, {"src/main.ts": main, "src/app.module.ts": bare})
    assert [outcome.status for outcome in wire(folder)] == ["applied"]
    assert integration.added_lines(bare, (folder / "src/app.module.ts").read_text()) == [
        'import { AuthModule } from "../auth/dist/index.js"  // AUTH_INTEGRATION_POINT',
        "  imports: [AuthModule.forRoot()],  // AUTH_INTEGRATION_POINT",
    ]


def test_imports_on_one_line_are_printed_and_the_file_left_as_it_was(tmp_path):
    one_line = SHOP_MODULE.replace("imports: [\n    OrdersModule,\n  ],", "imports: [OrdersModule],")
    folder = host(tmp_path, {"src/main.ts": MAIN, "src/shop.module.ts": one_line})
    [outcome] = wire(folder)
    assert outcome.status == "printed"
    assert (folder / "src/shop.module.ts").read_text() == one_line
    assert "AuthModule.forRoot()," in integration.describe(outcome, folder)[-1]
