#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/date.h>
#include <rabta/error.h>
#include <rabta/text.h>

#include "ingest/lines.h"
#include "util/hash.h"
#include "util/utf8.h"

namespace rabta {

namespace detail {

std::vector<Line> classify_lines(std::string_view text,
                                 const FoldedText& folded,
                                 const Boilerplate& boilerplate) {
    std::vector<Line> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::size_t e = end;
        if (e > start && text[e - 1] == '\r') --e;
        Line l;
        l.span = {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(e)};
        l.verdict = boilerplate.classify(FoldedSpan(&folded, text, l.span), l.span.of(text));
        out.push_back(std::move(l));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

namespace {
bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\xC2\xA0") == std::string_view::npos;
}
}  // namespace

bool headline_like(std::string_view folded_line, std::size_t max_bytes) {
    std::string_view f = folded_line;
    while (!f.empty() && f.back() == ' ')
        f.remove_suffix(1);
    if (f.empty() || f.size() > max_bytes) return false;
    return !(f.ends_with("۔") || f.ends_with("؟") || f.ends_with("!") || f.ends_with("?"));
}

std::size_t find_story_split(std::string_view text,
                             const std::vector<Line>& lines,
                             std::size_t from,
                             const Boilerplate& boilerplate) {
    for (std::size_t i = from; i < lines.size(); ++i) {
        if (lines[i].verdict.action != LineAction::split_story) continue;
        for (std::size_t k = i + 1; k < lines.size(); ++k) {
            if (lines[k].verdict.action == LineAction::keep &&
                lines[k].span.size() > boilerplate.max_headline_bytes()) {
                return i;
            }
        }
    }
    (void)text;
    return lines.size();
}

std::vector<Span> content_regions(std::string_view text,
                                  const FoldedText& folded,
                                  const std::vector<Line>& lines,
                                  std::size_t from,
                                  std::size_t to,
                                  const Boilerplate& boilerplate,
                                  std::uint32_t& dropped) {
    std::vector<Span> out;
    for (std::size_t i = from; i < to; ++i) {
        const Line& l = lines[i];
        std::string_view s = l.span.of(text);
        if (l.verdict.action == LineAction::keep) {
            if (!blank(s)) out.push_back(l.span);
            continue;
        }
        ++dropped;
        if (l.verdict.action == LineAction::drop_block ||
            l.verdict.action == LineAction::split_story) {
            // the marker and the headlines listed under it
            while (i + 1 < to && lines[i + 1].verdict.action == LineAction::keep &&
                   (blank(lines[i + 1].span.of(text)) ||
                    headline_like(FoldedSpan(&folded, text, lines[i + 1].span).text(),
                                  boilerplate.max_headline_bytes()))) {
                ++i;
                if (!blank(lines[i].span.of(text))) ++dropped;
            }
        }
    }
    return out;
}

bool take_dateline(Article& a, Span& region, const Boilerplate& boilerplate) {
    auto d = boilerplate.dateline(FoldedSpan(a.folded.get(), a.text, region), region.of(a.text));
    if (!d) return false;
    a.dateline = d->city;
    a.agency = d->agency;
    if (a.outlet.empty()) a.outlet = d->outlet;
    if (a.published.empty() && !d->date_text.empty()) {
        if (auto pd = parse_date(d->date_text)) a.published = *pd;
    }
    region.begin += static_cast<std::uint32_t>(d->length);
    while (region.begin < region.end &&
           (a.text[region.begin] == ' ' || a.text[region.begin] == '\t')) {
        ++region.begin;
    }
    return true;
}

}  // namespace detail

namespace {

// Valid UTF-8 for everything downstream: invalid bytes become U+FFFD, reported once.
std::string valid_utf8(std::string_view origin,
                       std::string_view bytes,
                       const ProblemSink& notices) {
    if (bytes.empty()) throw InputError(std::string(origin), 0, "empty file");
    auto bad = detail::first_invalid_utf8(bytes);
    if (!bad) return std::string(bytes);
    std::size_t n = 0;
    std::string fixed = detail::repair_utf8(bytes, n);
    if (notices) {
        notices(
            InputError(std::string(origin), 0,
                       fmt::format("invalid UTF-8 at byte offset {} ({} byte{} replaced by U+FFFD)",
                                   *bad, n, n == 1 ? "" : "s"),
                       true));
    }
    return fixed;
}

// Builds one article from lines[from, to) of the page: title, date line, body.
Article make_story(std::string_view origin,
                   std::string id,
                   std::string_view page,
                   const FoldedText& page_fold,
                   const std::vector<detail::Line>& lines,
                   std::size_t from,
                   std::size_t to,
                   const Boilerplate& bp,
                   const std::string& page_outlet,
                   const std::string& page_date) {
    Article a;
    a.id = std::move(id);
    a.origin = std::string(origin);
    const std::uint32_t base =
        from < lines.size() ? lines[from].span.begin : static_cast<std::uint32_t>(page.size());
    const std::uint32_t limit =
        to < lines.size() ? lines[to].span.begin : static_cast<std::uint32_t>(page.size());
    a.text = std::string(page.substr(base, limit - base));
    a.folded = std::make_shared<const FoldedText>(fold_part(&page_fold, page, {base, limit}));
    auto rel = [&](Span s) { return Span{s.begin - base, s.end - base}; };

    std::vector<Span> regions =
        detail::content_regions(page, page_fold, lines, from, to, bp, a.boilerplate_lines);
    std::size_t k = 0;
    std::string title_key;
    if (k < regions.size()) {
        a.title = std::string(regions[k].of(page));
        title_key = folded_key(FoldedSpan(&page_fold, page, regions[k]).text());
        a.regions.push_back(rel(regions[k]));
        ++k;
    }
    // a date line among the first lines after the title
    for (std::size_t look = k; look < regions.size() && look < k + 3; ++look) {
        const FoldedSpan line(&page_fold, page, regions[look]);
        const std::string_view s = line.text();
        if (auto d = parse_folded_date(s.substr(bp.date_label_bytes(s)), true)) {
            a.published = *d;
            regions.erase(regions.begin() + static_cast<long>(look));
            break;
        }
    }
    bool dateline_seen = false;
    std::size_t body_lines = 0;
    for (; k < regions.size(); ++k) {
        // spans of the page, made relative to the story's text
        Span r = rel(regions[k]);
        // A teaser that repeats the start of the title ("… کا ..") is not content.
        std::string key = folded_key(FoldedSpan(a.folded.get(), a.text, r).text());
        while (!key.empty() && key.back() == '.')
            key.pop_back();
        if (!key.empty() && key.size() < title_key.size() && title_key.starts_with(key)) {
            ++a.boilerplate_lines;
            continue;
        }
        // the dateline opens one of the first body lines (after a subtitle or a caption)
        if (!dateline_seen && body_lines++ < 3 && detail::take_dateline(a, r, bp)) {
            dateline_seen = true;
            if (r.empty()) continue;
        }
        a.regions.push_back(r);
    }
    if (!page_outlet.empty()) a.outlet = page_outlet;
    if (a.published.empty()) a.published = page_date;
    return a;
}

}  // namespace

std::vector<Article> read_page(std::string_view origin,
                               std::string_view stem,
                               std::string_view raw,
                               const Boilerplate& boilerplate,
                               const ProblemSink& notices) {
    if (raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);  // a BOM is not text
    const std::string text = valid_utf8(origin, raw, notices);
    const std::string_view bytes = text;
    const FoldedText page_fold = fold(bytes);  // the page's one fold: every line reads it
    std::vector<detail::Line> lines = detail::classify_lines(bytes, page_fold, boilerplate);
    std::string page_outlet;
    for (const auto& l : lines) {
        if (l.verdict.action == LineAction::outlet && !l.verdict.outlet.empty()) {
            page_outlet = l.verdict.outlet;
            break;
        }
    }
    std::size_t split = detail::find_story_split(bytes, lines, 0, boilerplate);
    std::vector<Article> out;
    out.push_back(make_story(origin, std::string(stem), bytes, page_fold, lines, 0, split,
                             boilerplate, page_outlet, ""));
    if (out.front().regions.empty()) {
        throw InputError(std::string(origin), 0, "no story text (only boilerplate)");
    }
    if (split < lines.size()) {
        // The second story begins after the marker line; it shares the page's date and outlet.
        out.push_back(make_story(origin, std::string(stem) + "-2", bytes, page_fold, lines,
                                 split + 1, lines.size(), boilerplate, page_outlet,
                                 out.front().published));
    }
    for (Article& a : out) {
        a.content_hash = detail::hash64(raw);
        a.story_hash = detail::hash64(a.text, detail::hash64(a.title));
    }
    return out;
}

}  // namespace rabta
