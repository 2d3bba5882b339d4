-- wrk script for benches/run.sh: optional cookie and form POST, and a JSON line of results.
-- Environment: BENCH_COOKIE (sent as Cookie), BENCH_METHOD=POST with BENCH_BODY and
-- BENCH_PATHS (space-separated paths to POST to in turn, so writers spread over actions).
local cookie = os.getenv("BENCH_COOKIE")
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do
  paths[#paths + 1] = p
end
local counter = 0

wrk.method = method
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
if method == "POST" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

setup = function(thread)
  thread:set("offset", math.random(1, 1000))
end

request = function()
  if #paths == 0 then
    return wrk.format()
  end
  counter = counter + 1
  local path = paths[((counter + (offset or 0)) % #paths) + 1]
  return wrk.format(nil, path)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"errors":%d,"status_errors":%d,' ..
    '"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000))
end
