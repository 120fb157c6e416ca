-- wrk script for the uncached cases: spreads the requests over VARIANTS copies of one input (same pixels, other
-- bytes: see gen-images.mjs), so that no server can share one render between concurrent requests.
--   wrk ... -s variants.lua http://host:port/ -- <path with {i}> <variants> <threads>
-- "{i}" becomes 00, 01, …; thread t (of T) asks only for copies t, t+T, t+2T, … in turn, so two threads never ask
-- for the same copy, and the connections of one thread ask for different ones unless a request is outrun by a whole
-- lap of the others (variants / threads requests).
local count = 0

function setup(thread)
    thread:set("tid", count)
    count = count + 1
end

function init(args)
    template = args[1]
    variants = tonumber(args[2])
    step = tonumber(args[3])
    n = tid
end

function request()
    local path = template:gsub("{i}", string.format("%02d", n % variants))
    n = n + step
    return wrk.format(nil, path)
end
