#include <fmt/format.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/facts.h>
#include <rabta/lexicon.h>
#include <rabta/resolve.h>
#include <rabta/rules.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "pipeline/data.h"
#include "pipeline/extract_queue.h"
#include "rabta_version.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/json_write.h"
#include "util/lines.h"
#include "util/utf8.h"

namespace rabta {

namespace {

constexpr int kFactsFormat = 1;

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string_view text_of(const rapidjson::StringBuffer& buf) {
    return {buf.GetString(), buf.GetSize()};
}

std::string get(const rapidjson::Value& v, const char* key) {
    auto it = v.FindMember(key);
    if (it == v.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

std::uint32_t u32(const rapidjson::Value& v) {
    return v.GetUint();
}

}  // namespace

Versions extraction_versions(const Lexicon& lexicon, const Rules& rules, const Boilerplate& bp) {
    return {{"lexicon_version", detail::hex64(lexicon.version())},
            {"rules_version", detail::hex64(rules.version())},
            {"boilerplate_version", detail::hex64(bp.version())},
            {"resolve_version", detail::hex64(ResolveData::embedded().version)},
            {"rabta_version", RABTA_VERSION}};
}

namespace {

std::string header_line(const Versions& versions) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    w.Key("rabta_facts");
    w.Int(kFactsFormat);
    for (const auto& [k, v] : versions)
        detail::write_field(w, k.c_str(), v);
    w.EndObject();
    return std::string(text_of(buf));
}

std::string trailer_line(std::size_t articles, std::uint64_t checksum) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    w.Key("rabta_facts_end");
    w.Int(kFactsFormat);
    w.Key("articles");
    w.Uint64(articles);
    detail::write_field(w, "fnv1a64", detail::hex64(checksum));
    w.EndObject();
    return std::string(text_of(buf));
}

// The checksum of a stream: FNV-1a 64 over each line and its '\n'.
std::uint64_t add_line(std::uint64_t h, std::string_view line) {
    return detail::hash64("\n", detail::hash64(line, h));
}
constexpr std::uint64_t kChecksumSeed = 0xcbf29ce484222325ULL;

std::string facts_line(const Article& a, const Extraction& ex) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    w.Key("article");
    w.StartObject();
    detail::write_field(w, "id", a.id);
    detail::write_field(w, "origin", a.origin);
    detail::write_field(w, "title", a.title);
    detail::write_optional_field(w, "published", a.published);
    detail::write_optional_field(w, "dateline", a.dateline);
    detail::write_optional_field(w, "outlet", a.outlet);
    detail::write_optional_field(w, "agency", a.agency);
    detail::write_optional_field(w, "url", a.url);
    detail::write_field(w, "content_hash", detail::hex64(a.content_hash));
    detail::write_field(w, "story_hash", detail::hex64(a.story_hash));
    detail::write_field(w, "text", a.text);
    w.EndObject();
    w.Key("sentences");
    w.StartArray();
    for (const Span& s : ex.sentences)
        detail::write_span(w, s.begin, s.end);
    w.EndArray();
    w.Key("mentions");
    w.StartArray();
    for (const Mention& m : ex.mentions) {
        w.StartArray();
        detail::write_string(w, m.entity);
        detail::write_string(w, to_string(m.kind));
        w.Uint(m.sentence);
        w.Uint(m.span.begin);
        w.Uint(m.span.end);
        w.EndArray();
    }
    w.EndArray();
    w.Key("relations");
    w.StartArray();
    for (const Relation& r : ex.relations) {
        w.StartObject();
        detail::write_field(w, "source", r.source);
        detail::write_field(w, "target", r.target);
        detail::write_field(w, "relation", r.relation);
        w.Key("directed");
        w.Bool(r.directed);
        detail::write_field(w, "mode", r.mode);
        if (r.polarity != "affirmed") detail::write_field(w, "polarity", r.polarity);
        detail::write_optional_field(w, "context", r.context);
        detail::write_optional_field(w, "context_source", r.context_source);
        detail::write_field(w, "rule", r.rule);
        w.Key("confidence");
        w.Double(r.confidence);
        w.Key("sentence");
        w.Uint(r.sentence);
        w.EndObject();
    }
    w.EndArray();
    w.Key("roles");
    w.StartArray();
    for (const TextRole& r : ex.roles) {
        w.StartObject();
        detail::write_field(w, "person", r.person);
        detail::write_field(w, "org", r.org);
        detail::write_field(w, "title", r.title);
        w.Key("sentence");
        w.Uint(r.sentence);
        w.EndObject();
    }
    w.EndArray();
    w.Key("discovered");
    w.StartArray();
    for (const Actor& d : ex.discovered) {
        w.StartObject();
        detail::write_field(w, "id", d.id);
        detail::write_field(w, "type", to_string(d.type));
        detail::write_field(w, "subtype", d.subtype);
        detail::write_field(w, "label_ur", d.label_ur);
        detail::write_optional_field(w, "label_en", d.label_en);
        detail::write_optional_field(w, "country", d.country);
        w.Key("names");
        w.StartArray();
        for (const auto& n : d.names)
            detail::write_string(w, n);
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.Key("topics");
    w.StartArray();
    for (const TopicScore& t : ex.topics) {
        w.StartArray();
        detail::write_string(w, t.tag);
        w.Double(t.score);
        w.Bool(t.main);
        w.EndArray();
    }
    w.EndArray();
    w.EndObject();
    return std::string(text_of(buf));
}

}  // namespace

FactsWriter::FactsWriter(std::ostream& out, const Versions& versions)
    : out_(out), checksum_(kChecksumSeed) {
    line(header_line(versions));
}

void FactsWriter::write(const Article& article, const Extraction& extraction) {
    line(facts_line(article, extraction));
    ++articles_;
}

void FactsWriter::finish() {
    if (finished_) return;
    finished_ = true;
    const std::string end = trailer_line(articles_, checksum_);
    out_.write(end.data(), static_cast<std::streamsize>(end.size()));
    out_.put('\n');
}

void FactsWriter::line(std::string_view text) {
    checksum_ = add_line(checksum_, text);
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    out_.put('\n');
}

namespace {

// One facts line into an article and its extraction, or why it gives none.
std::optional<std::string> decode_facts(const rapidjson::Document& doc,
                                        Article& a,
                                        Extraction& ex) {
    const auto& ja = doc["article"];
    a.id = get(ja, "id");
    a.origin = get(ja, "origin");
    a.title = get(ja, "title");
    a.published = get(ja, "published");
    a.dateline = get(ja, "dateline");
    a.outlet = get(ja, "outlet");
    a.agency = get(ja, "agency");
    a.url = get(ja, "url");
    a.content_hash = std::stoull(get(ja, "content_hash"), nullptr, 16);
    a.story_hash = std::stoull(get(ja, "story_hash"), nullptr, 16);
    a.text = get(ja, "text");
    const auto text_size = a.text.size();
    auto span = [&](std::uint32_t b, std::uint32_t e) -> std::optional<Span> {
        if (b > e || e > text_size) return std::nullopt;
        return Span{b, e};
    };
    bool ok = true;
    for (const auto& s : doc["sentences"].GetArray()) {
        auto sp = span(u32(s[0]), u32(s[1]));
        if (!sp) ok = false;
        ex.sentences.push_back(sp.value_or(Span{}));
    }
    const auto sentence_ok = [&](std::uint32_t i) { return i < ex.sentences.size(); };
    for (const auto& m : doc["mentions"].GetArray()) {
        Mention x;
        x.entity = m[0].GetString();
        const std::string_view kind = m[1].GetString();
        x.kind = kind == "demonym"   ? MentionKind::demonym
                 : kind == "anaphor" ? MentionKind::anaphor
                                     : MentionKind::name;
        x.sentence = u32(m[2]);
        auto sp = span(u32(m[3]), u32(m[4]));
        if (!sp || !sentence_ok(x.sentence)) ok = false;
        x.span = sp.value_or(Span{});
        ex.mentions.push_back(std::move(x));
    }
    for (const auto& r : doc["relations"].GetArray()) {
        Relation x;
        x.source = get(r, "source");
        x.target = get(r, "target");
        x.relation = get(r, "relation");
        x.directed = r["directed"].GetBool();
        x.mode = get(r, "mode");
        if (r.HasMember("polarity")) x.polarity = get(r, "polarity");
        x.context = get(r, "context");
        if (r.HasMember("context_source")) x.context_source = get(r, "context_source");
        x.rule = get(r, "rule");
        x.confidence = r["confidence"].GetDouble();
        x.sentence = u32(r["sentence"]);
        if (!sentence_ok(x.sentence)) ok = false;
        ex.relations.push_back(std::move(x));
    }
    for (const auto& r : doc["roles"].GetArray()) {
        TextRole x;
        x.person = get(r, "person");
        x.org = get(r, "org");
        x.title = get(r, "title");
        x.sentence = u32(r["sentence"]);
        if (!sentence_ok(x.sentence)) ok = false;
        ex.roles.push_back(std::move(x));
    }
    for (const auto& d : doc["discovered"].GetArray()) {
        Actor x;
        x.id = get(d, "id");
        x.type = entity_type_from(get(d, "type")).value_or(EntityType::organization);
        x.subtype = get(d, "subtype");
        x.label_ur = get(d, "label_ur");
        x.label_en = get(d, "label_en");
        x.country = get(d, "country");
        for (const auto& n : d["names"].GetArray())
            x.names.emplace_back(n.GetString(), n.GetStringLength());
        ex.discovered.push_back(std::move(x));
    }
    if (auto it = doc.FindMember("topics"); it != doc.MemberEnd()) {
        for (const auto& t : it->value.GetArray())
            ex.topics.push_back({t[0].GetString(), t[1].GetDouble(), t[2].GetBool()});
    }
    if (!ok)
        return fmt::format("article '{}': a span or sentence index lies outside its text", a.id);
    return std::nullopt;
}

// What the store would refuse half-way through its transaction (an entity it
// does not hold, a relation no rule makes): found here, it is a bad line of a
// named file, not a constraint failure of the database.
std::optional<std::string> unknown_names(const Article& a,
                                         const Extraction& ex,
                                         const FactsExpectations& expect) {
    if (expect.rules) {
        for (const Relation& r : ex.relations)
            if (!expect.rules->relation(r.relation))
                return fmt::format("article '{}': relation '{}' is not one the rules define", a.id,
                                   r.relation);
    }
    if (!expect.lexicon) return std::nullopt;
    const auto known = [&](const std::string& id) {
        return expect.lexicon->find(id) != nullptr ||
               std::any_of(ex.discovered.begin(), ex.discovered.end(),
                           [&](const Actor& d) { return d.id == id; });
    };
    const auto unknown = [&](const std::string& id, const char* as) -> std::optional<std::string> {
        if (known(id)) return std::nullopt;
        return fmt::format(
            "article '{}': {} '{}' is neither in the lexicon nor discovered in the article", a.id,
            as, id);
    };
    for (const Mention& m : ex.mentions)
        if (auto why = unknown(m.entity, "mentioned entity")) return why;
    for (const Relation& r : ex.relations) {
        if (auto why = unknown(r.source, "relation source")) return why;
        if (auto why = unknown(r.target, "relation target")) return why;
    }
    for (const TextRole& r : ex.roles) {
        if (auto why = unknown(r.person, "role holder")) return why;
        if (auto why = unknown(r.org, "role organization")) return why;
    }
    return std::nullopt;
}

// Reads one file of facts streams; see read_facts.
class FactsReader {
  public:
    FactsReader(std::string_view origin,
                const FactsExpectations& expect,
                const FactsSink& sink,
                const ProblemSink& problems)
        : origin_(detail::percent_escape_invalid_utf8(origin)),
          expect_(expect),
          sink_(sink),
          problems_(problems) {}

    void read(std::istream& in) {
        std::string line;
        std::size_t length = 0;
        while (detail::read_bounded_line(in, line, expect_.max_line_bytes, length)) {
            ++number_;
            if (length > expect_.max_line_bytes)
                stop(
                    fmt::format("the line is {} bytes, above the limit of {} for a facts line "
                                "(16 × --max-article-bytes + 1 MiB); not read",
                                length, expect_.max_line_bytes));
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.find_first_not_of(" \t") == std::string::npos) continue;
            take(line);
        }
        if (in.bad()) throw InputError(origin_, number_ + 1, "read error");
        end_of_file();
    }

  private:
    enum class State { before_header, in_stream, after_trailer };

    [[noreturn]] void stop(const std::string& reason, std::size_t line = SIZE_MAX) const {
        throw InputError(origin_, line == SIZE_MAX ? number_ : line, reason);
    }

    void take(const std::string& line) {
        rapidjson::Document doc;
        if (auto why = detail::parse_record(doc, line, "schemas/facts.schema.json")) {
            // Without its header a file cannot be told from facts of other data
            // files, or from no facts at all: skipping it would drop a shard,
            // and its articles would look deleted.
            if (state_ == State::before_header)
                stop(fmt::format("the header line is broken: {}", *why));
            if (state_ == State::after_trailer)
                stop(fmt::format("a broken line after the trailer on line {}: {}", trailer_at_,
                                 *why));
            count(line);
            problems_(InputError(origin_, number_, *why));
            return;
        }
        if (doc.HasMember("rabta_facts")) return header(doc, line);
        if (doc.HasMember("rabta_facts_end")) return trailer(doc);
        if (state_ == State::before_header)
            stop("facts without a header line (is this the output of rabta extract?)");
        if (state_ == State::after_trailer)
            stop(fmt::format("facts after the trailer on line {} without a header of their own",
                             trailer_at_));
        count(line);
        Article a;
        Extraction ex;
        auto why = decode_facts(doc, a, ex);
        if (!why) why = unknown_names(a, ex, expect_);
        if (why) {
            problems_(InputError(origin_, number_, *why));
            return;
        }
        sink_(std::move(a), std::move(ex));
    }

    void count(std::string_view line) {
        checksum_ = add_line(checksum_, line);
        ++articles_;
    }

    void header(const rapidjson::Document& doc, std::string_view line) {
        if (state_ == State::in_stream)
            stop(
                fmt::format("a new header before the trailer of the stream that began on line "
                            "{}: that stream was cut short",
                            stream_at_));
        // The schema bounds the number; IsInt() keeps a looser schema from
        // turning into an assertion.
        const rapidjson::Value& format = doc["rabta_facts"];
        if (!format.IsInt() || format.GetInt() != kFactsFormat) {
            stop(fmt::format("facts format {} is not the one this rabta reads ({})",
                             detail::json_snippet(format), kFactsFormat));
        }
        for (const auto& [k, v] : expect_.versions) {
            const std::string theirs = get(doc, k.c_str());
            if (theirs != v) {
                stop(
                    fmt::format("these facts were extracted with {} {}, this run uses {}: "
                                "extract again with the same data files and rabta",
                                k, theirs, v));
            }
        }
        state_ = State::in_stream;
        stream_at_ = number_;
        articles_ = 0;
        checksum_ = add_line(kChecksumSeed, line);
    }

    void trailer(const rapidjson::Document& doc) {
        if (state_ != State::in_stream) stop("a trailer line without a header line before it");
        const rapidjson::Value& n = doc["articles"];
        const std::string sum = get(doc, "fnv1a64");
        if (!n.IsUint64() || n.GetUint64() != articles_) {
            stop(
                fmt::format("the trailer counts {} article lines, the stream from line {} has "
                            "{}: lines are missing or were added",
                            detail::json_snippet(n), stream_at_, articles_));
        }
        if (sum != detail::hex64(checksum_)) {
            stop(
                fmt::format("the checksum in the trailer ({}) does not match the lines from line "
                            "{} ({}): the shard was damaged or edited",
                            sum, stream_at_, detail::hex64(checksum_)));
        }
        state_ = State::after_trailer;
        trailer_at_ = number_;
    }

    void end_of_file() const {
        if (state_ == State::before_header)
            stop(number_ == 0 ? "empty: no facts and no header line (did rabta extract fail on "
                                "this shard?)"
                              : "no header line: not the output of rabta extract",
                 0);
        if (state_ == State::in_stream)
            stop(fmt::format("the stream that began on line {} ends without its trailer line: "
                             "the shard was cut short (a killed extract, a partial copy); "
                             "extract it again",
                             stream_at_),
                 number_ + 1);
    }

    std::string origin_;
    const FactsExpectations& expect_;
    const FactsSink& sink_;
    const ProblemSink& problems_;
    State state_ = State::before_header;
    std::size_t number_ = 0;      // the line being read
    std::size_t stream_at_ = 0;   // the line of the current stream's header
    std::size_t trailer_at_ = 0;  // the line of the last trailer
    std::size_t articles_ = 0;    // article lines of the current stream
    std::uint64_t checksum_ = kChecksumSeed;
};

}  // namespace

void read_facts(std::istream& in,
                std::string_view origin,
                const FactsExpectations& expect,
                const FactsSink& sink,
                const ProblemSink& problems) {
    FactsReader(origin, expect, sink, problems).read(in);
}

std::size_t max_facts_line_bytes(std::size_t max_article_bytes) {
    constexpr std::size_t kSlack = 1 << 20;
    if (max_article_bytes > (SIZE_MAX - kSlack) / 16) return SIZE_MAX;
    return 16 * max_article_bytes + kSlack;
}

std::size_t extract_stream(const ExtractOptions& opt,
                           std::istream& in,
                           std::string_view origin,
                           std::ostream& out,
                           const ProblemSink& problems) {
    const detail::ExtractionData data =
        detail::ExtractionData::load(opt.lexicon, opt.rules, opt.boilerplate);
    const Extractor extractor(data.lexicon, data.rules, opt.limits);
    FactsWriter writer(out, extraction_versions(data.lexicon, data.rules, data.boilerplate()));
    detail::ExtractQueue queue(
        extractor, data.boilerplate(), opt.limits.article_bytes, opt.jobs,
        [&](Article& a, const Extraction& ex) { writer.write(a, ex); }, problems);
    read_jsonl_records(
        in, origin, [&](Record&& r) { queue.push(std::move(r)); },
        [&](const InputError& e) { queue.push(e); }, {},
        max_record_bytes(opt.limits.article_bytes));
    queue.finish();
    // Only a stream read to its end gets its trailer: an exception above
    // leaves the output without one, and merge refuses it.
    writer.finish();
    out.flush();
    return writer.articles();
}

}  // namespace rabta
