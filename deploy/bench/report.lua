-- wrk script: after the run, one machine-readable line with what the harness needs.
-- RESULT,requests,duration_us,bytes,errors,non_2xx_3xx,p50_us,p99_us
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT,%d,%d,%d,%d,%d,%.0f,%.0f\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
