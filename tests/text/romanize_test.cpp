#include <rabta/error.h>
#include <rabta/lexicon.h>
#include <rabta/romanize.h>

#include "support.h"

using rabta::Romanizer;

TEST_CASE("Urdu names of the seeds come out readable") {
    const Romanizer& r = Romanizer::embedded();
    // ICU's own Arabic-Latin gives «shہbaz shryf» here
    CHECK(r("شہباز شریف") == "Shahbaz Sharif");
    CHECK(r("سید امین الحق") == "Sid Amin Alhaq");  // the article ال keeps no vowel
    CHECK(r("شزہ فاطمہ خواجہ") == "Shaza Fatama Khwaja");
    CHECK(r("خلیل ہاشمی") == "Khalil Hashami");
    CHECK(r("علی بابا گروپ") == "Ali Baba Garop");
    CHECK(r("جیمز ڈونگ") == "Jimaz Dong");
    CHECK(r("عطاء اللہ تارڑ") == "Ata Allah Tarar");
    CHECK(r("معروف علی شاہانی") == "Maarof Ali Shahani");
    // diacritics and Arabic letter forms are folded first: «کاؤ شو مِن»
    CHECK(r("کاؤ شو مِن") == "Kao Sho Man");
    CHECK(r("Cybernet") == "Cybernet");
}

TEST_CASE("every Urdu name in the lexicon romanizes to plain Latin") {
    const rabta::Lexicon lex = rabta::Lexicon::embedded();
    const Romanizer& r = Romanizer::embedded();
    for (const auto& a : lex.actors()) {
        for (const auto& n : a.names) {
            const std::string out = r(n);
            INFO(n << " → " << out);
            CHECK_FALSE(out.empty());
            // Latin letters, digits, spaces and a few marks; no Urdu letter is left over
            for (unsigned char c : out)
                CHECK(c < 0x80);
        }
    }
}

TEST_CASE("rules that do not compile name the file") {
    CHECK_THROWS_WITH_AS(Romanizer::load("bad.txt", "ب > ; $undefined > x;"),
                         doctest::Contains("bad.txt"), rabta::ConfigError);
}
