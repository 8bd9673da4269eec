-- Gives an order's units back, exactly once: only while `held` records the order, with the lines recorded there.
-- KEYS[1] ready   KEYS[2] version   KEYS[3] held   KEYS[4..] the order's counters (declared for Redis Cluster)
-- ARGV[1] order id   ARGV[2] the counters' key prefix
-- Returns {"MISSING"} (ready or one of the counters absent: the resync rebuilds them from PostgreSQL, which already
-- says RELEASED), {"OK"} (units given back) or {"NOOP"} (`held` did not record the order).
if redis.call('EXISTS', KEYS[1]) == 0 then return {'MISSING'} end
local lines = redis.call('HGET', KEYS[3], ARGV[1])
redis.call('INCR', KEYS[2])
if not lines then return {'NOOP'} end
local pairs_ = {}
for productId, quantity in string.gmatch(lines, '([^:,]+):(%d+)') do
  local key = ARGV[2] .. productId
  if redis.call('EXISTS', key) == 0 then
    redis.call('DEL', KEYS[1])
    return {'MISSING'}
  end
  pairs_[#pairs_ + 1] = {key, quantity}
end
for _, line in ipairs(pairs_) do redis.call('INCRBY', line[1], line[2]) end
redis.call('HDEL', KEYS[3], ARGV[1])
return {'OK'}
