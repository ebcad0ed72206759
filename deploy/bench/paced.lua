-- wrk script for the paced cell: each connection waits THINK_MS between requests, as a person
-- (or a well-behaved client) would, so latency is measured below saturation.
dofile("report.lua")
local think = tonumber(os.getenv("THINK_MS") or "10")
delay = function() return think end
