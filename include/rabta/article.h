// The Article value type and the readers that produce it (seed pages, JSON Lines,
// directories). Readers never throw for one bad article: they report an
// InputError through the problem callback and go on with the next one.
#pragma once

#include <rabta/span.h>

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace rabta {

class Boilerplate;
class InputError;

/// One news story. All spans index into `text`, which is the story's original
/// bytes (valid UTF-8) as they stood in the input.
struct Article {
    std::string id;  ///< stable: file stem, JSON Lines `id`, or page id + "-2" for a second story
    std::string origin;     ///< where it came from: "path" or "path:line"
    std::string title;      ///< headline, as written
    std::string published;  ///< ISO date YYYY-MM-DD, or empty when the input gives none
    std::string dateline;   ///< dateline city as written (e.g. "اسلام آباد"), or empty
    std::string outlet;     ///< outlet (UrduPoint, Express, BBC Urdu, …), or empty
    std::string agency;  ///< news agency or desk named by the dateline (اے پی پی, شِنہوا), or empty
    std::string url;
    std::string text;           ///< original text of the story
    std::vector<Span> regions;  ///< story content inside `text` (title, body lines), in order
    /// Hash of the record's raw bytes (the JSON line, or the whole page), for
    /// change detection: equal hashes mean equal input, so nothing to re-read.
    std::uint64_t content_hash = 0;
    std::uint32_t boilerplate_lines = 0;  ///< non-empty lines removed as boilerplate
};

using ArticleSink = std::function<void(Article&&)>;
using ProblemSink = std::function<void(const InputError&)>;
/// Asked before a record is parsed, with its origin ("path" or "path:line") and
/// the hash of its raw bytes (Article::content_hash). Returning true skips the
/// record: the caller already holds it (an incremental build).
using KnownRecord = std::function<bool(const std::string& origin, std::uint64_t raw_hash)>;

/// Reads a scraped page in the seed format (title line, date line, body, site
/// boilerplate). A page that carries a second story yields two articles.
/// Throws InputError when `bytes` is empty or holds only boilerplate. Bytes that
/// are not UTF-8 are replaced by U+FFFD and reported once to `notices` (if set),
/// with the offset of the first one; the article is kept.
std::vector<Article> read_page(std::string_view origin,
                               std::string_view stem,
                               std::string_view bytes,
                               const Boilerplate& boilerplate,
                               const ProblemSink& notices = {});

/// Reads JSON Lines articles (schemas/article.schema.json) from `in`, one per line.
/// Each bad line goes to `problems` with origin and line number; the rest go on.
void read_jsonl(std::istream& in,
                std::string_view origin,
                const Boilerplate& boilerplate,
                const ArticleSink& sink,
                const ProblemSink& problems,
                const KnownRecord& known = {});

/// Reads every path: a directory (every *.txt page and *.jsonl file below it, sorted by path),
/// a *.jsonl file, a page file, or "-" for JSON Lines on stdin.
void read_corpus(const std::vector<std::string>& paths,
                 const Boilerplate& boilerplate,
                 const ArticleSink& sink,
                 const ProblemSink& problems,
                 const KnownRecord& known = {});

/// Reads the five seed articles compiled into the library.
void read_embedded_seeds(const Boilerplate& boilerplate,
                         const ArticleSink& sink,
                         const ProblemSink& problems,
                         const KnownRecord& known = {});

}  // namespace rabta
