// The Article value type and the readers that produce it (seed pages, JSON Lines,
// directories). Readers never throw for one bad article: they report an
// InputError through the problem callback and go on with the next one.
#pragma once

#include <rabta/error.h>
#include <rabta/span.h>

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rabta {

class Boilerplate;
struct FoldedText;

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
    /// Hash of the title and text alone: the same story read twice (a corpus
    /// and a selection from it that adds or drops other fields) is one article.
    std::uint64_t story_hash = 0;
    std::uint32_t boilerplate_lines = 0;  ///< non-empty lines removed as boilerplate
    /// fold(text), as the readers made it for boilerplate, dateline and date,
    /// so that extraction need not fold the text again; null when not made.
    std::shared_ptr<const FoldedText> folded;
};

using ArticleSink = std::function<void(Article&&)>;
using ProblemSink = std::function<void(const InputError&)>;
/// Asked before a record is parsed, with its origin ("path" or "path:line") and
/// the hash of its raw bytes (Article::content_hash). Returning true means the
/// caller already holds it (an incremental build): the article readers skip it,
/// the record readers mark it Record::known.
using KnownRecord = std::function<bool(const std::string& origin, std::uint64_t raw_hash)>;

/// The id an article is stored under when an earlier article of the same run
/// holds its id for a different story (corpora that reuse ids): `ID~` and
/// the first 8 hex digits of the FNV-1a hash of its URL (e.g. `ID~4983a3a4`), or of its title and
/// text when it has no URL or another story holds that id too; past that,
/// `ID~4983a3a4-2`, `-3`, … `taken` says whether a candidate id is held by
/// another story in this run. The derived id depends on the article alone, so
/// it is the same in every run, in full and incremental builds and in a merge
/// of shards' facts, whatever else the corpus holds, as long as the holder of
/// ID comes first in the input.
std::string derived_article_id(const Article& article,
                               const std::function<bool(const std::string&)>& taken);

/// The id that `id` was derived from by derived_article_id(), or nothing when
/// it does not have that form.
std::optional<std::string> derived_from(std::string_view id);

/// One input record before parsing: a JSON line or a whole page file. Reading
/// records is cheap (split and hash); parsing them is the work, and can run on
/// any thread.
struct Record {
    std::string file;            ///< path, "(stdin)", or the embedded seed's name
    std::size_t line = 0;        ///< 1-based line of a JSON line; 0 for a page
    std::string stem;            ///< a page's file stem: its article id
    std::string bytes;           ///< the raw record (a JSON line without its line break)
    std::uint64_t hash = 0;      ///< of `bytes`: Article::content_hash
    bool known = false;          ///< KnownRecord said the caller holds it: need not be parsed
    std::string origin() const;  ///< "path:line" or "path"
};
using RecordSink = std::function<void(Record&&)>;

/// What one record gave: its articles (none when it was skipped), and the
/// problems to report for it, in order (a repair keeps the article).
struct Parsed {
    std::vector<Article> articles;
    std::vector<InputError> problems;
};

/// Parses a record (JSON line or page) into articles. Never throws for bad input.
Parsed parse_record(const Record& record, const Boilerplate& boilerplate);

/// The largest record (a JSON line, or a page file) worth reading for articles
/// of up to `max_article_bytes` of text: six times that (every byte of the text
/// may come as a \u escape) plus 64 KiB for the other fields.
std::size_t max_record_bytes(std::size_t max_article_bytes);

/// Splits every path into records (see read_corpus), hashing each and marking
/// those `known` accepts. Paths that cannot be read go to `problems`, and so do
/// records longer than `max_bytes`: a JSON line is skipped as it is read,
/// never held whole, and a page file by its size, unread. Memory therefore
/// stays bounded by the limit, whatever the input.
void read_records(const std::vector<std::string>& paths,
                  const RecordSink& sink,
                  const ProblemSink& problems,
                  const KnownRecord& known = {},
                  std::size_t max_bytes = SIZE_MAX);
/// The bytes that read_records(paths) would read: the sizes of the files
/// named or found below the directories named, for progress reports. 0 when
/// it cannot be known (a path is "-", standard input) or there are none.
std::uint64_t corpus_bytes(const std::vector<std::string>& paths);
/// The records of one JSON Lines stream; `max_bytes` as for read_records.
void read_jsonl_records(std::istream& in,
                        std::string_view origin,
                        const RecordSink& sink,
                        const ProblemSink& problems,
                        const KnownRecord& known = {},
                        std::size_t max_bytes = SIZE_MAX);
/// The five seed pages compiled into the library, as records.
void read_embedded_records(const RecordSink& sink, const KnownRecord& known = {});

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

/// Reads every path: a directory (every *.txt page and *.jsonl file below it, sorted by path,
/// symbolic links followed; a broken link or a directory reached twice, as by a link loop,
/// is reported to `problems`), a *.jsonl file, a page file, or "-" for JSON Lines on stdin.
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
