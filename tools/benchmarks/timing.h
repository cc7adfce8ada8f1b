// What every benchmark reports: the median of several timed runs.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace rabta::bench {

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    if (n == 0) return 0;
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// Milliseconds of each run of `f`, `runs` times.
template <typename F>
std::vector<double> times_ms(int runs, F&& f) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    return ms;
}

template <typename F>
double median_ms(int runs, F&& f) {
    return median(times_ms(runs, f));
}

}  // namespace rabta::bench
