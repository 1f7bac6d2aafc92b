import { Module } from "@nestjs/common";
import { AuthModule } from "../auth/dist/index.js";

// This application is the auth service alone; an existing one imports AuthModule.forRoot() instead.
@Module({ imports: [AuthModule.forRoot({ wholeApplication: true })] })
export class AppModule {}
