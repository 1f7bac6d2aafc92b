-- A fixed POST: wrk.body and the Content-Type header are set by the lines bench/lib/wrk.py puts above.
wrk.method = "POST"
