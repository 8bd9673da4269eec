-- Mirrors a change of on_hand into the product's `available` counter; setStock runs it under the stock row's lock,
-- before its commit, so changes reach Redis in commit order.
-- KEYS[1] ready   KEYS[2] version   KEYS[3] inventory:{stock}:available:<productId>
-- ARGV[1] delta: new on_hand minus old on_hand (reservations running concurrently are kept, as INCRBY commutes)
-- Returns {"MISSING"} when ready or the counter is absent (a missing key is never read as zero stock: `ready` is
-- dropped and the caller runs the full resync after its commit), else {"OK", new value}.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'MISSING'} end
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[1])
  return {'MISSING'}
end
redis.call('INCR', KEYS[2])
return {'OK', redis.call('INCRBY', KEYS[3], ARGV[1])}
