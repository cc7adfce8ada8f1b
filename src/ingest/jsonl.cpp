#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/date.h>
#include <rabta/error.h>
#include <rapidjson/document.h>

#include "ingest/lines.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/utf8.h"

namespace rabta {

namespace {

std::string member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace

void read_jsonl(std::istream& in,
                std::string_view origin,
                const Boilerplate& boilerplate,
                const ArticleSink& sink,
                const ProblemSink& problems,
                const KnownRecord& known) {
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const std::uint64_t raw_hash = detail::hash64(line);
        if (known && known(fmt::format("{}:{}", origin, number), raw_hash)) continue;
        auto fail = [&](const std::string& reason) {
            problems(InputError(std::string(origin), number, reason));
        };
        if (auto bad = detail::first_invalid_utf8(line)) {
            std::size_t n = 0;
            line = detail::repair_utf8(line, n);
            problems(InputError(
                std::string(origin), number,
                fmt::format(
                    "invalid UTF-8 at byte offset {} of the line ({} byte{} replaced by U+FFFD)",
                    *bad, n, n == 1 ? "" : "s"),
                true));
        }
        rapidjson::Document doc;
        if (auto why = detail::parse_record(doc, line, "schemas/article.schema.json")) {
            fail(*why);
            continue;
        }
        Article a;
        a.id = member(doc, "id");
        a.origin = fmt::format("{}:{}", origin, number);
        a.text = member(doc, "text");
        a.title = member(doc, "title");
        a.url = member(doc, "url");
        a.outlet = member(doc, "source");
        std::string date = member(doc, "published");
        if (date.empty()) date = member(doc, "date");
        if (!date.empty()) {
            if (auto d = parse_date(date)) a.published = *d;
        }
        if (a.outlet.empty()) a.outlet = boilerplate.outlet_for_url(a.url);
        std::vector<detail::Line> lines = detail::classify_lines(a.text, boilerplate);
        a.regions = detail::content_regions(a.text, lines, 0, lines.size(), boilerplate,
                                            a.boilerplate_lines);
        if (a.regions.empty()) {
            fail("article '" + a.id + "' has no story text (empty or only boilerplate)");
            continue;
        }
        if (detail::take_dateline(a, a.regions.front(), boilerplate) && a.regions.front().empty()) {
            a.regions.erase(a.regions.begin());
            if (a.regions.empty()) {
                fail("article '" + a.id + "' has no story text (only a dateline)");
                continue;
            }
        }
        if (a.published.empty() && !a.title.empty()) {
            if (auto d = parse_date(a.title)) a.published = *d;
        }
        a.content_hash = raw_hash;
        sink(std::move(a));
    }
    if (in.bad()) problems(InputError(std::string(origin), number + 1, "read error"));
}

}  // namespace rabta
