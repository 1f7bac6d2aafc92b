import express from "express";
import { toNodeHandler } from "better-auth/node";

import { auth } from "./auth.mjs";

const app = express();
app.all("/api/auth/*splat", toNodeHandler(auth));
app.get("/health", (req, res) => res.json({ status: "ok" }));
app.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
