-- Rebuilds every counter and the `held` hash from a PostgreSQL snapshot, unless any mutating script ran since the
-- caller read `version` (then the snapshot may miss what that script did: answer BUSY and change nothing).
-- KEYS[1] ready   KEYS[2] version   KEYS[3] held   KEYS[3 + i] the counter of product i
-- ARGV[1] version read before the snapshot   ARGV[2] fresh token for `ready`   ARGV[3] n (products)
-- ARGV[2 + 2i], ARGV[3 + 2i]  product id and on_hand of product i
-- then m (held orders), then per order: id, "A" (ACTIVE) or "P" (PENDING), lines ("p1:q1,p2:q2"),
-- PENDING orders oldest first.
-- ACTIVE orders were granted by Redis, and a PENDING order that `held` records right now is counted by it: both
-- are restored. Any other PENDING order (its script has not run, or ran in a Redis that lost everything) is
-- restored only if all its lines still fit, oldest first; the rest are answered so the caller releases them in
-- PostgreSQL (it holds their row locks, so a late "mark ACTIVE" cannot slip in between).
-- Returns {"BUSY"} or {"OK", dropped order ids...}.
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return {'BUSY'} end
local n = tonumber(ARGV[3])
local available, keyOf = {}, {}
for i = 1, n do
  local productId = ARGV[2 + 2 * i]
  available[productId] = tonumber(ARGV[3 + 2 * i])
  keyOf[productId] = KEYS[3 + i]
end
local position = 4 + 2 * n
local orders = {}
for j = 1, tonumber(ARGV[position]) do
  local base = position + 3 * (j - 1)
  local order = {id = ARGV[base + 1], kind = ARGV[base + 2], lines = ARGV[base + 3], parsed = {}}
  for productId, quantity in string.gmatch(order.lines, '([^:,]+):(%d+)') do
    order.parsed[#order.parsed + 1] = {productId, tonumber(quantity)}
  end
  orders[j] = order
end
local restored, answer = {}, {'OK'}
local function take(order)
  for _, line in ipairs(order.parsed) do
    if available[line[1]] then available[line[1]] = available[line[1]] - line[2] end
  end
  restored[#restored + 1] = order
  order.taken = true
end
for _, order in ipairs(orders) do
  if order.kind == 'A' or redis.call('HEXISTS', KEYS[3], order.id) == 1 then take(order) end
end
for _, order in ipairs(orders) do
  if not order.taken then
    local fits = true
    for _, line in ipairs(order.parsed) do
      if (available[line[1]] or 0) < line[2] then fits = false end
    end
    if fits then take(order) else answer[#answer + 1] = order.id end
  end
end
redis.call('DEL', KEYS[3])
for _, order in ipairs(restored) do redis.call('HSET', KEYS[3], order.id, order.lines) end
for productId, value in pairs(available) do redis.call('SET', keyOf[productId], value) end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('INCR', KEYS[2])
return answer
