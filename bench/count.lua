-- wrk script: tallies status codes and malformed bodies. Arguments (after --): responses per
-- thread after which the thread stops sending (0 = never; wrk still waits out its duration)
-- and the prefix a well-formed body starts with ("" = any).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  limit = tonumber(args[1]) or 0
  prefix = args[2] or ""
  statuses = {}
  malformed = 0
  responses = 0
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if prefix ~= "" and string.sub(body, 1, #prefix) ~= prefix then
    malformed = malformed + 1
  end
  responses = responses + 1
  if limit > 0 and responses >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local totals, bad = {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
    bad = bad + thread:get("malformed")
  end
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, string.format("%d:%d", status, count))
  end
  table.sort(parts)
  local errors = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f mean_ms=%.2f requests=%d socket_errors=%d timeouts=%d malformed=%d statuses=%s\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000,
    summary.requests, errors.connect + errors.read + errors.write, errors.timeout, bad,
    table.concat(parts, ",")))
end
