-- Adds units of a cancelled paid order back to `available`, once its on_hand increase is committed.
-- KEYS[1] ready   KEYS[2] version   KEYS[3..] counters
-- ARGV[1] the `ready` token read while the stock rows were locked, before the commit   ARGV[2..] quantities
-- Returns {"MISSING"}; {"STALE"} when a resync finished since that token was read (it may already count these
-- units: the caller resyncs instead of adding them twice); or {"OK"}. Absent counters are skipped: the resync
-- that rebuilds them reads on_hand from PostgreSQL.
local ready = redis.call('GET', KEYS[1])
if not ready then return {'MISSING'} end
redis.call('INCR', KEYS[2])
if ready ~= ARGV[1] then return {'STALE'} end
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('INCRBY', KEYS[i], ARGV[i - 1]) end
end
return {'OK'}
