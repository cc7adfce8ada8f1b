// Folding for matching. ICU NFKC composes decomposed alef-madda (about a third of
// آ in real news) and folds Arabic presentation forms; the table below then does
// what NFKC does not: Arabic letter variants to their Urdu letters, alef variants,
// diacritics, tatweel, invisible marks and digits.
#include <rabta/error.h>
#include <rabta/text.h>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <algorithm>

#include "util/utf8.h"

namespace rabta {

namespace {

constexpr char32_t kDrop = 0xFFFFFFFF;

// The folded code point for cp, kDrop to drop it, or cp itself.
inline char32_t fold_cp(char32_t cp) {
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return cp + 32;
        if (cp == '\n' || cp == ' ') return cp;
        if (cp == '\r') return kDrop;
        if (cp < 0x20 || cp == 0x7F) return ' ';
        return cp;
    }
    switch (cp) {
        case 0x064A:
        case 0x0649:
        case 0x06D0:  // Arabic yeh, alef maksura, yeh with two dots below
            return 0x06CC;
        case 0x0643:
        case 0x06AA:  // Arabic kaf, swash kaf
            return 0x06A9;
        case 0x0647:
        case 0x06D5:
        case 0x06C0:
        case 0x06C2:  // Arabic heh, ae, heh with hamza
            return 0x06C1;
        case 0x0629:  // teh marbuta
            return 0x06C3;
        case 0x0622:
        case 0x0623:
        case 0x0625:
        case 0x0671:
        case 0x0672:
        case 0x0673:
            return 0x0627;  // alef with madda/hamza/wasla → alef
        case 0x0624:        // waw with hamza
            return 0x0648;
        case 0x06D3:  // yeh barree with hamza
            return 0x06D2;
        case 0x0640:  // tatweel
        case 0x061C:
        case 0x200C:
        case 0x200D:
        case 0x200E:
        case 0x200F:  // ALM, ZWNJ, ZWJ, LRM, RLM
        case 0xFEFF:
        case 0x00AD:  // BOM, soft hyphen
            return kDrop;
        case 0x00A0:
        case 0x200B:
        case 0x202F:
        case 0x205F:
        case 0x3000:
        case 0x1680:
            return ' ';
        case 0x2028:
        case 0x2029:
        case 0x0085:
            return '\n';
        default:
            break;
    }
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x0610 && cp <= 0x061A) ||
        (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) ||
        (cp >= 0x06E7 && cp <= 0x06E8) || (cp >= 0x06EA && cp <= 0x06ED) ||
        (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
        return kDrop;
    }
    if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
    if (cp >= 0x2000 && cp <= 0x200A) return ' ';
    if (cp >= 0x80 && cp < 0xA0) return ' ';  // C1 controls
    return cp;
}

const icu::Normalizer2& nfkc() {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(err);
    if (U_FAILURE(err) || n == nullptr) throw Error("ICU NFKC normalizer unavailable");
    return *n;
}

// NFKC of `in` (not yet normalized) with, for every output byte, the original
// offset it came from.
void nfkc_with_map(std::string_view in, std::string& out, std::vector<std::uint32_t>& map) {
    const icu::Normalizer2& n = nfkc();
    UErrorCode err = U_ZERO_ERROR;
    icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
    icu::Edits edits;
    out.clear();
    icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(in.size()));
    n.normalizeUTF8(0, piece, sink, &edits, err);
    if (U_FAILURE(err)) throw Error(std::string("ICU normalization failed: ") + u_errorName(err));
    map.assign(out.size(), 0);
    auto it = edits.getFineIterator();
    while (it.next(err)) {
        auto src = static_cast<std::uint32_t>(it.sourceIndex());
        auto dst = static_cast<std::size_t>(it.destinationIndex());
        auto len = static_cast<std::size_t>(it.newLength());
        for (std::size_t k = 0; k < len; ++k) {
            map[dst + k] = it.hasChange() ? src : src + static_cast<std::uint32_t>(k);
        }
    }
}

}  // namespace

namespace {

// Folds nf (already NFKC) into ft; map_at(i) is the original offset of nf byte i.
template <typename MapAt>
void fold_nfkc(std::string_view nf, MapAt map_at, FoldedText& ft) {
    ft.text.reserve(nf.size());
    ft.to_original.reserve(nf.size() + 1);
    std::size_t i = 0;
    while (i < nf.size()) {
        const std::uint32_t at = map_at(i);
        const auto lead = static_cast<unsigned char>(nf[i]);
        if (lead < 0x80) {  // ASCII: most spaces, digits and punctuation
            ++i;
            const char32_t cp = fold_cp(lead);
            if (cp == kDrop) continue;
            ft.text.push_back(static_cast<char>(cp));
            ft.to_original.push_back(at);
            continue;
        }
        const char32_t raw = detail::next_cp(nf, i);
        // ی + hamza above has no canonical composite: it is ئ.
        if (raw == 0x0654 && ft.text.ends_with("\xDB\x8C")) {
            ft.text.replace(ft.text.size() - 2, 2, "\xD8\xA6");
            continue;
        }
        const char32_t cp = fold_cp(raw);
        if (cp == kDrop) continue;
        const std::size_t before = ft.text.size();
        detail::append_utf8(ft.text, cp);
        for (std::size_t k = before; k < ft.text.size(); ++k)
            ft.to_original.push_back(at);
    }
}

}  // namespace

FoldedText fold(std::string_view original) {
    FoldedText ft;
    const icu::Normalizer2& n = nfkc();
    UErrorCode err = U_ZERO_ERROR;
    // Most news text is already NFKC: fold it in place, offsets are identities.
    if (n.isNormalizedUTF8(icu::StringPiece(original.data(), static_cast<int32_t>(original.size())),
                           err) &&
        U_SUCCESS(err)) {
        fold_nfkc(
            original, [](std::size_t i) { return static_cast<std::uint32_t>(i); }, ft);
    } else {
        std::string nf;
        std::vector<std::uint32_t> nf_map;
        nfkc_with_map(original, nf, nf_map);
        fold_nfkc(
            nf, [&](std::size_t i) { return nf_map[i]; }, ft);
    }
    ft.to_original.push_back(static_cast<std::uint32_t>(original.size()));
    return ft;
}

Span FoldedText::original(Span f) const {
    const std::uint32_t begin = to_original[f.begin];
    if (f.end <= f.begin) return {begin, begin};
    const std::uint32_t last = to_original[f.end - 1];
    std::size_t k = f.end;
    while (k + 1 < to_original.size() && to_original[k] <= last)
        ++k;
    std::uint32_t end = to_original[k];
    if (end <= last) end = to_original.back();
    return {begin, end};
}

namespace {

// Whether folding may be cut at original byte `at`: its start or end, or a
// character that never interacts with what comes before it under NFKC (nor
// under the ی + hamza rule above, as U+0654 has no boundary before it).
bool cut_here(std::string_view original, std::size_t at) {
    if (at == 0 || at >= original.size()) return true;
    const auto lead = static_cast<unsigned char>(original[at]);
    if (lead < 0x80) return true;
    if ((lead & 0xC0) == 0x80) return false;  // inside a character
    std::size_t i = at;
    const char32_t cp = detail::next_cp(original, i);
    return nfkc().hasBoundaryBefore(static_cast<UChar32>(cp));
}

// The first folded byte that comes from original offset `at` or later.
std::size_t folded_at(const FoldedText& whole, std::uint32_t at) {
    const auto it = std::lower_bound(whole.to_original.begin(), whole.to_original.end(), at);
    return static_cast<std::size_t>(it - whole.to_original.begin());
}

}  // namespace

FoldedSpan::FoldedSpan(const FoldedText* whole, std::string_view original, Span span)
    : base_(span.begin), length_(span.size()) {
    if (whole != nullptr && !whole->to_original.empty() && cut_here(original, span.begin) &&
        cut_here(original, span.end)) {
        const std::size_t b = folded_at(*whole, span.begin);
        const std::size_t e = std::max(b, folded_at(*whole, span.end));
        text_ = std::string_view(whole->text).substr(b, e - b);
        map_ = whole->to_original.data() + b;
        return;
    }
    own_ = fold(span.of(original));
    text_ = own_->text;
    map_ = own_->to_original.data();
    base_ = 0;
}

std::uint32_t FoldedSpan::at(std::size_t i) const {
    return i < text_.size() ? map_[i] - base_ : length_;
}

Span FoldedSpan::original(Span f) const {
    // FoldedText::original, over this span's offsets
    const std::uint32_t begin = at(f.begin);
    if (f.end <= f.begin) return {begin, begin};
    const std::uint32_t last = at(f.end - 1);
    std::size_t k = f.end;
    while (k < text_.size() && at(k) <= last)
        ++k;
    std::uint32_t end = at(k);
    if (end <= last) end = length_;
    return {begin, end};
}

FoldedText FoldedSpan::copy() const {
    FoldedText ft;
    ft.text = std::string(text_);
    ft.to_original.reserve(text_.size() + 1);
    for (std::size_t i = 0; i <= text_.size(); ++i)
        ft.to_original.push_back(at(i));
    return ft;
}

FoldedText fold_part(const FoldedText* whole, std::string_view original, Span span) {
    return FoldedSpan(whole, original, span).copy();
}

std::string folded_key(std::string_view folded) {
    std::string key;
    key.reserve(folded.size());
    for (char c : folded) {
        if (c != ' ' && c != '\n') key.push_back(c);
    }
    return key;
}

std::string fold_key(std::string_view original) {
    FoldedText ft = fold(original);
    std::string key;
    key.reserve(ft.text.size());
    for (char c : ft.text) {
        if (c != ' ' && c != '\n') key.push_back(c);
    }
    return key;
}

}  // namespace rabta
