-- Takes all lines of one order, or none.
-- KEYS[1] ready   KEYS[2] version   KEYS[3] held   KEYS[4..] the available counters, one per line
-- ARGV[1] order id   ARGV[2] the lines as stored in `held` ("p1:q1,p2:q2")   ARGV[3..] quantity of each line
-- Returns {"MISSING"}: ready or a counter is absent (Redis lost data; a counter is then never read as stock, and
--                      `ready` is dropped so every script waits for the full resync);
--         {"ALREADY"}: `held` records the order, the counters already reflect it;
--         {"INSUFFICIENT", line, available, ...}: nothing changed, for each short line its 1-based index and units;
--         {"OK"}: every counter decremented and the order recorded in `held`.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'MISSING'} end
local values = {}
for i = 4, #KEYS do
  local value = redis.call('GET', KEYS[i])
  if not value then
    redis.call('DEL', KEYS[1])
    return {'MISSING'}
  end
  values[i] = tonumber(value)
end
redis.call('INCR', KEYS[2])
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return {'ALREADY'} end
local short = {'INSUFFICIENT'}
for i = 4, #KEYS do
  if values[i] < tonumber(ARGV[i - 1]) then
    short[#short + 1] = i - 3
    short[#short + 1] = values[i]
  end
end
if #short > 1 then return short end
for i = 4, #KEYS do redis.call('DECRBY', KEYS[i], ARGV[i - 1]) end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return {'OK'}
