// English readings of Urdu words for Latin labels (seeds/text/loanwords.json).
#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/romanize.h>
#include <rabta/text.h>

#include <algorithm>
#include <vector>

#include "util/json.h"

namespace rabta {

namespace {

// The words of a folded text, split at white space.
std::vector<std::string> words_of(std::string_view urdu) {
    const std::string folded = fold(urdu).text;
    std::vector<std::string> out;
    std::string w;
    for (char c : folded) {
        if (c == ' ' || c == '\t' || c == '\n') {
            if (!w.empty()) out.push_back(std::move(w));
            w.clear();
        } else {
            w += c;
        }
    }
    if (!w.empty()) out.push_back(std::move(w));
    return out;
}

std::string joined(const std::vector<std::string>& words, std::size_t a, std::size_t b) {
    std::string s;
    for (std::size_t i = a; i < b; ++i) {
        if (i > a) s += ' ';
        s += words[i];
    }
    return s;
}

// Adds each spelling of each entry of doc[key]; a folded spelling with two
// English forms is an error of the file.
void add_entries(const DataFile& file,
                 const rapidjson::Value& doc,
                 const char* key,
                 std::unordered_map<std::string, std::string>& into,
                 std::size_t& longest) {
    auto it = doc.FindMember(key);
    if (it == doc.MemberEnd()) return;
    const auto& entries = it->value.GetArray();
    for (rapidjson::SizeType i = 0; i < entries.Size(); ++i) {
        const std::string en = entries[i]["en"].GetString();
        const auto& urs = entries[i]["ur"].GetArray();
        for (rapidjson::SizeType j = 0; j < urs.Size(); ++j) {
            const std::vector<std::string> words = words_of(urs[j].GetString());
            if (words.empty()) continue;
            longest = std::max(longest, words.size());
            auto [at, added] = into.emplace(joined(words, 0, words.size()), en);
            if (!added && at->second != en)
                throw ConfigError(file.origin, fmt::format("/{}/{}/ur/{}", key, i, j),
                                  fmt::format("«{}» is read as both \"{}\" and \"{}\"",
                                              urs[j].GetString(), at->second, en));
        }
    }
}

}  // namespace

LatinLabels LatinLabels::load(const DataFile& file) {
    rapidjson::Document doc = detail::load_validated(file, "schemas/loanwords.schema.json");
    LatinLabels t;
    add_entries(file, doc, "words", t.phrases_, t.longest_);
    add_entries(file, doc, "names", t.phrases_, t.longest_);
    std::size_t one = 1;
    add_entries(file, doc, "letters", t.letters_, one);
    return t;
}

const LatinLabels& LatinLabels::embedded() {
    static const LatinLabels t = load(embedded_file("seeds/text/loanwords.json"));
    return t;
}

void LatinLabels::add_name(std::string_view urdu, const std::string& latin) {
    const std::vector<std::string> words = words_of(urdu);
    if (words.empty() || latin.empty()) return;
    longest_ = std::max(longest_, words.size());
    phrases_[joined(words, 0, words.size())] = latin;
}

std::string LatinLabels::operator()(std::string_view urdu, const Romanizer& romanizer) const {
    const std::vector<std::string> words = words_of(urdu);
    std::vector<std::string> out;
    std::size_t rest = 0;  // first word of the run not yet read
    auto flush = [&](std::size_t end) {
        if (rest < end) out.push_back(romanizer(joined(words, rest, end)));
    };
    for (std::size_t i = 0; i < words.size();) {
        std::size_t len = std::min(longest_, words.size() - i);
        for (; len > 0; --len)
            if (phrases_.contains(joined(words, i, i + len))) break;
        std::size_t spelled = 0;
        std::string acronym;
        for (auto l = letters_.find(words[i + spelled]); l != letters_.end();
             l = i + spelled < words.size() ? letters_.find(words[i + spelled]) : letters_.end()) {
            acronym += l->second;
            ++spelled;
        }
        if (spelled >= 2 && spelled >= len) {
            flush(i);
            out.push_back(acronym);
            i += spelled;
            rest = i;
        } else if (len > 0) {
            flush(i);
            out.push_back(phrases_.at(joined(words, i, i + len)));
            i += len;
            rest = i;
        } else {
            ++i;
        }
    }
    flush(words.size());
    std::string s;
    for (const auto& w : out) {
        if (w.empty()) continue;
        if (!s.empty()) s += ' ';
        s += w;
    }
    return s;
}

}  // namespace rabta
