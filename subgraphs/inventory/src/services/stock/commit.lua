-- Forgets a committed order: its units left on_hand in PostgreSQL and were already excluded from `available`, so
-- no counter changes.
-- KEYS[1] ready   KEYS[2] version   KEYS[3] held      ARGV[1] order id
-- Returns {"MISSING"} or {"OK"}.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'MISSING'} end
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('INCR', KEYS[2])
return {'OK'}
