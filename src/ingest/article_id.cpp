#include <fmt/format.h>
#include <rabta/article.h>

#include "util/hash.h"

namespace rabta {

namespace {

constexpr std::size_t kHexDigits = 8;

bool is_hex(std::string_view s) {
    return s.size() == kHexDigits && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string derived_article_id(const Article& a,
                               const std::function<bool(const std::string&)>& taken) {
    // The URL names the story most stably (a corrected text keeps its id);
    // without one, or when two stories share it, the story itself does.
    const std::string by_story = a.id + "~" + detail::hex64(a.story_hash).substr(0, kHexDigits);
    if (!a.url.empty()) {
        const std::string by_url =
            a.id + "~" + detail::hex64(detail::hash64(a.url)).substr(0, kHexDigits);
        if (!taken(by_url)) return by_url;
    }
    if (!taken(by_story)) return by_story;
    for (int n = 2;; ++n) {
        std::string next = fmt::format("{}-{}", by_story, n);
        if (!taken(next)) return next;
    }
}

std::optional<std::string> derived_from(std::string_view id) {
    std::string_view tail = id;
    const auto tilde = id.rfind('~');
    if (tilde == std::string_view::npos || tilde == 0) return std::nullopt;
    tail = id.substr(tilde + 1);
    if (const auto dash = tail.find('-'); dash != std::string_view::npos) {
        const std::string_view n = tail.substr(dash + 1);
        if (n.empty() || n.find_first_not_of("0123456789") != std::string_view::npos ||
            n.front() == '0')
            return std::nullopt;
        tail = tail.substr(0, dash);
    }
    if (!is_hex(tail)) return std::nullopt;
    return std::string(id.substr(0, tilde));
}

}  // namespace rabta
