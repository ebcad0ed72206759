-- wrk script for the new-connection cell: every request on a connection of its own (the server
-- closes it after answering), so the cell measures connection set-up: a TLS handshake per request
-- where the server speaks HTTPS, plain TCP where it does not.
dofile("report.lua")
wrk.headers["Connection"] = "close"
