-- Mirrors a committed change of on_hand into the product's `available` counter.
-- KEYS[1]  inventory:{stock}:available:<productId>
-- ARGV[1]  delta: new on_hand minus old on_hand (reservations running concurrently are kept, as INCRBY commutes)
-- ARGV[2]  available computed from PostgreSQL under the stock row's lock, used only when the key is missing:
--          a missing key is never read as zero stock.
-- Returns the counter's new value.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
redis.call('SET', KEYS[1], ARGV[2])
return tonumber(ARGV[2])
