import type { Server } from "node:http";
import type { Duplex } from "node:stream";

const refusals: Record<string, { status: number; title: string; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    title: "Request Header Fields Too Large",
    code: "payload_too_large",
    detail: "The request line or headers are too large.",
  },
  HPE_INVALID_METHOD: {
    status: 405,
    title: "Method Not Allowed",
    code: "method_not_allowed",
    detail: "This method is not supported.",
  },
};
const malformed = { status: 400, title: "Bad Request", code: "validation_error", detail: "The request is malformed." };

/**
 * Requests Node's HTTP parser refuses before Express sees them (bad framing, oversized headers,
 * unknown methods) are answered with a problem document too, instead of Node's empty 400.
 */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal = refusals[error.code ?? ""] ?? malformed;
    const body = JSON.stringify({ type: "about:blank", ...refusal });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.title}\r\n` +
        "Content-Type: application/problem+json\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Cache-Control: no-store\r\nConnection: close\r\n\r\n" +
        body,
    );
  });
}
