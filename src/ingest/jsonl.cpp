#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/date.h>
#include <rabta/error.h>
#include <rabta/text.h>
#include <rapidjson/document.h>

#include "ingest/lines.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/lines.h"
#include "util/utf8.h"

namespace rabta {

namespace {

std::string member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace

void read_jsonl_records(std::istream& in,
                        std::string_view origin,
                        const RecordSink& sink,
                        const ProblemSink& problems,
                        const KnownRecord& known,
                        std::size_t max_bytes) {
    // the origin of every record and problem: text, whatever the file name's bytes
    const std::string file = detail::percent_escape_invalid_utf8(origin);
    std::string line;
    std::size_t number = 0;
    std::size_t length = 0;
    while (detail::read_bounded_line(in, line, max_bytes, length)) {
        ++number;
        if (length > max_bytes) {
            problems(InputError(
                file, number,
                fmt::format("the line is {} bytes, above the limit of {} for one record (6 × "
                            "--max-article-bytes + 64 KiB); skipped without being read whole",
                            length, max_bytes)));
            continue;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a BOM
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        Record r;
        r.file = file;
        r.line = number;
        r.hash = detail::hash64(line);
        r.known = known && known(r.origin(), r.hash);
        r.bytes = std::move(line);
        line.clear();
        sink(std::move(r));
    }
    if (in.bad()) problems(InputError(file, number + 1, "read error"));
}

std::size_t max_record_bytes(std::size_t max_article_bytes) {
    constexpr std::size_t kSlack = 64 << 10;
    if (max_article_bytes > (SIZE_MAX - kSlack) / 6) return SIZE_MAX;
    return 6 * max_article_bytes + kSlack;
}

namespace detail {

// One JSON line into an article, or the reason it gives none.
void parse_jsonl_record(const Record& r, const Boilerplate& boilerplate, Parsed& out) {
    auto fail = [&](const std::string& reason) {
        out.problems.emplace_back(r.file, r.line, reason);
    };
    // A record that holds no story loses nothing by being left out: a warning.
    auto no_story = [&](const std::string& reason) {
        out.problems.emplace_back(r.file, r.line, reason, InputError::Outcome::empty);
    };
    std::string line = r.bytes;
    if (auto bad = detail::first_invalid_utf8(line)) {
        std::size_t n = 0;
        line = detail::repair_utf8(line, n);
        out.problems.emplace_back(
            r.file, r.line,
            fmt::format(
                "invalid UTF-8 at byte offset {} of the line ({} byte{} replaced by U+FFFD)", *bad,
                n, n == 1 ? "" : "s"),
            true);
    }
    rapidjson::Document doc;
    std::size_t unpaired = 0;
    if (auto why = detail::parse_record(doc, line, "schemas/article.schema.json", &unpaired)) {
        fail(*why);
        return;
    }
    if (unpaired > 0) {
        out.problems.emplace_back(
            r.file, r.line,
            fmt::format("a \\u escape is not valid Unicode (a lone surrogate): {} byte{} "
                        "replaced by U+FFFD",
                        unpaired, unpaired == 1 ? "" : "s"),
            true);
    }
    Article a;
    a.id = member(doc, "id");
    a.origin = r.origin();
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
    a.folded = std::make_shared<const FoldedText>(fold(a.text));  // read by every pass after
    std::vector<detail::Line> lines = detail::classify_lines(a.text, *a.folded, boilerplate);
    a.regions = detail::content_regions(a.text, *a.folded, lines, 0, lines.size(), boilerplate,
                                        a.boilerplate_lines);
    if (a.regions.empty()) {
        no_story("article '" + a.id + "' has no story text (empty or only boilerplate)");
        return;
    }
    if (detail::take_dateline(a, a.regions.front(), boilerplate) && a.regions.front().empty()) {
        a.regions.erase(a.regions.begin());
        if (a.regions.empty()) {
            no_story("article '" + a.id + "' has no story text (only a dateline)");
            return;
        }
    }
    if (a.published.empty() && !a.title.empty()) {
        if (auto d = parse_date(a.title)) a.published = *d;
    }
    a.content_hash = r.hash;
    a.story_hash = detail::hash64(a.text, detail::hash64(a.title));
    out.articles.push_back(std::move(a));
}

}  // namespace detail

}  // namespace rabta
