#include <rabta/text.h>
#include <unicode/uchar.h>

#include "util/utf8.h"

namespace rabta {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\n';
}

// Sentence terminators in folded text: ۔ (U+06D4) ؟ (U+061F) ? ! and line breaks,
// and an ASCII full stop that ends an Urdu word (some outlets type "." for ۔). A
// full stop after a digit (43.59, "3.") or a Latin letter (Mr., U.S.) ends nothing.
std::size_t terminator_len(std::string_view s, std::size_t i) {
    char c = s[i];
    if (c == '?' || c == '!' || c == '\n') return 1;
    if (c == '.') {
        bool after_urdu = i >= 2 && static_cast<unsigned char>(s[i - 2]) >= 0xD8 &&
                          static_cast<unsigned char>(s[i - 2]) <= 0xDB;
        bool then_space = i + 1 >= s.size() || s[i + 1] == ' ' || s[i + 1] == '\n';
        return after_urdu && then_space ? 1 : 0;
    }
    if (i + 1 < s.size()) {
        auto a = static_cast<unsigned char>(c), b = static_cast<unsigned char>(s[i + 1]);
        if ((a == 0xDB && b == 0x94) || (a == 0xD8 && b == 0x9F)) return 2;
    }
    return 0;
}

// A closing quote or bracket right after a terminator belongs to the sentence it
// ends: «…جو آپ کے لیے معنی رکھتی ہیں۔‘» (BBC Urdu closes with ‘ as well as ’).
std::size_t closer_len(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    char c = s[i];
    if (c == '"' || c == ')' || c == ']') return 1;
    // right to left, writers close with either curly quote of a pair
    for (std::string_view q : {"\u201D", "\u201C", "\u2019", "\u2018", "\u00BB", "\u00AB"}) {
        if (s.substr(i).starts_with(q)) return q.size();
    }
    return 0;
}

enum class CharClass { space, punct, digit, latin, letter };

CharClass classify(char32_t cp) {
    if (cp < 0x80) {
        if (cp == ' ' || cp == '\n' || cp == '\t') return CharClass::space;
        if (cp >= '0' && cp <= '9') return CharClass::digit;
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::latin;
        return CharClass::punct;
    }
    switch (u_charType(static_cast<UChar32>(cp))) {
        case U_UPPERCASE_LETTER:
        case U_LOWERCASE_LETTER:
        case U_TITLECASE_LETTER:
        case U_MODIFIER_LETTER:
        case U_OTHER_LETTER:
        case U_NON_SPACING_MARK:
        case U_COMBINING_SPACING_MARK:
        case U_ENCLOSING_MARK:
            return cp < 0x0250 ? CharClass::latin : CharClass::letter;
        case U_DECIMAL_DIGIT_NUMBER:
        case U_LETTER_NUMBER:
        case U_OTHER_NUMBER:
            return CharClass::digit;
        case U_SPACE_SEPARATOR:
        case U_LINE_SEPARATOR:
        case U_PARAGRAPH_SEPARATOR:
            return CharClass::space;
        default:
            return CharClass::punct;
    }
}

}  // namespace

std::vector<Span> split_sentences(std::string_view folded, Span range) {
    std::vector<Span> out;
    auto emit = [&](std::size_t b, std::size_t e) {
        while (b < e && is_space(folded[b]))
            ++b;
        while (e > b && is_space(folded[e - 1]))
            --e;
        if (e > b) out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    };
    std::size_t start = range.begin;
    std::size_t i = range.begin;
    while (i < range.end) {
        std::size_t t = terminator_len(folded, i);
        if (t == 0) {
            ++i;
            continue;
        }
        // Keep a run of terminators (۔۔۔, ?!) with the sentence it ends.
        std::size_t j = i + t;
        while (j < range.end && folded[j] != '\n' && terminator_len(folded, j) != 0) {
            j += terminator_len(folded, j);
        }
        if (folded[i] != '\n') {
            while (j < range.end && closer_len(folded, j) != 0)
                j += closer_len(folded, j);
        }
        emit(start, folded[i] == '\n' ? i : j);
        start = j;
        i = j;
    }
    emit(start, range.end);
    return out;
}

std::vector<Token> tokenize(std::string_view folded, Span range) {
    std::vector<Token> out;
    std::size_t i = range.begin;
    std::size_t word_start = 0;
    CharClass word_class = CharClass::space;
    bool in_word = false;
    auto close = [&](std::size_t end) {
        if (in_word) {
            out.push_back(
                {{static_cast<std::uint32_t>(word_start), static_cast<std::uint32_t>(end)}, true});
            in_word = false;
        }
    };
    while (i < range.end) {
        std::size_t at = i;
        char32_t cp = detail::next_cp(folded, i);
        CharClass c = classify(cp);
        if (c == CharClass::space) {
            close(at);
        } else if (c == CharClass::punct) {
            close(at);
            out.push_back({{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(i)}, false});
        } else {
            if (in_word && c != word_class) close(at);
            if (!in_word) {
                in_word = true;
                word_start = at;
                word_class = c;
            }
        }
    }
    close(range.end);
    return out;
}

}  // namespace rabta
