-- POST /auth/refresh with refresh-token rotation: every request needs a token never used before.
-- Each thread takes its share of the pre-generated tokens (one per connection, from the file in
-- args[1]); every response brings the rotated token, which the next request of a connection uses.
-- A request thus always carries a fresh token; a refused refresh loses its token and shows as non-2xx.
-- The file holds one spare token per thread: wrk calls request() once at start-up to check the script.
local counter = 0

function setup(thread)
  thread:set("thread_index", counter)
  counter = counter + 1
end

local tokens = {}

function init(args)
  local threads = tonumber(args[2])
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % threads == thread_index then
      table.insert(tokens, line)
    end
    line_number = line_number + 1
  end
end

function request()
  local token = table.remove(tokens) or "exhausted"
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, '{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
  local token = body:match('"refreshToken"%s*:%s*"([^"]+)"')
  if token then
    table.insert(tokens, token)
  end
end
