"""The suite's workloads: the C kernels of benchmarks/kernels/kernels.c, the arguments each
call gets (full and --quick) and a reference answer where one exists outside the kernels.

Arguments are chosen so that one native call takes a few milliseconds (full) or one to three
(quick): long enough that the drivers' own call paths (a few microseconds for the Python
bindings) do not matter, short enough that the interpreters finish.
"""
import hashlib
import zlib
from dataclasses import dataclass, field


@dataclass
class Kernel:
    name: str
    category: str
    result: str  # i32, i64, f32 or f64: how the drivers read the result's bits
    full: list
    quick: list
    reference: object = field(default=None, repr=False)  # args -> expected bits, or None

    def arguments(self, quick):
        return self.quick if quick else self.full


def lcg_bytes(length, seed):
    """The kernels' byte generator (crc32, sha256): the top byte of each LCG step."""
    state, out = seed & 0xFFFFFFFF, bytearray(length)
    for i in range(length):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = state >> 24
    return bytes(out)


def sha256_reference(args):
    length, seed = args
    digest = hashlib.sha256(lcg_bytes(min(length, 65536 * 4 - 72), seed)).digest()
    return int.from_bytes(digest[:8], "big")


def crc32_reference(args):
    length, seed = args
    return zlib.crc32(lcg_bytes(min(length, 65536 * 4), seed)) & 0xFFFFFFFF


def sieve_reference(args):
    limit = min(args[0], 1 << 20)
    flags = bytearray([1]) * limit
    count = 0
    for i in range(2, limit):
        if flags[i]:
            count += 1
            flags[i * i::i] = bytes(len(range(i * i, limit, i)))
    return count


KERNELS = [
    Kernel("fib", "branchy, recursive", "i32", [32], [29], lambda a: _fib(a[0])),
    Kernel("collatz", "integer", "i64", [20000], [5000]),
    Kernel("divmix", "integer", "i64", [1000000], [300000]),
    Kernel("crc32", "integer, bits", "i32", [262144, 7], [200000, 7], crc32_reference),
    Kernel("sha256", "integer, bits", "i64", [262072, 7], [200000, 7], sha256_reference),
    Kernel("mandelbrot", "floating point", "i32", [128], [64]),
    Kernel("nbody", "floating point", "f64", [30000], [8000]),
    Kernel("floatmix", "floating point", "f32", [400000], [200000]),
    Kernel("matmul_repeat", "floating point, dense", "f64", [64, 100], [64, 25]),
    Kernel("biquad", "audio DSP (f32)", "f64", [200, 32], [50, 32]),
    Kernel("sieve", "memory-bound", "i32", [500000], [200000], sieve_reference),
    Kernel("memmove_mix", "memory-bound, copies", "i64", [100000, 3], [25000, 3]),
    Kernel("sort", "branchy, memory", "i64", [65536, 1], [20000, 1]),
]


def _fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
