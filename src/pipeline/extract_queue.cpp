#include "pipeline/extract_queue.h"

#include <algorithm>
#include <thread>

namespace rabta::detail {

namespace {
// Articles per batch: enough to outweigh starting a thread, few enough to keep
// the threads busy to the end of a small corpus.
constexpr std::size_t kBatch = 16;
}  // namespace

ExtractQueue::ExtractQueue(const Extractor& extractor, unsigned jobs, Writer write)
    : extractor_(extractor),
      jobs_(jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency())),
      write_(std::move(write)) {}

ExtractQueue::~ExtractQueue() {
    for (auto& b : running_)
        if (b.extractions.valid()) b.extractions.wait();
}

void ExtractQueue::push(Article&& article) {
    if (jobs_ == 1) {
        const Extraction ex = extractor_.run(article);
        write_(article, ex);
        return;
    }
    filling_.push_back(std::move(article));
    if (filling_.size() == kBatch) launch();
}

void ExtractQueue::finish() {
    if (!filling_.empty()) launch();
    while (!running_.empty())
        write_oldest();
}

void ExtractQueue::launch() {
    while (running_.size() >= jobs_)
        write_oldest();
    Batch b;
    b.articles = std::move(filling_);
    filling_.clear();
    // The batch's articles live in the deque element, which does not move:
    // std::deque keeps references valid when elements are added at either end.
    running_.push_back(std::move(b));
    const std::vector<Article>& articles = running_.back().articles;
    running_.back().extractions = std::async(std::launch::async, [this, &articles] {
        std::vector<Extraction> out;
        out.reserve(articles.size());
        for (const Article& a : articles)
            out.push_back(extractor_.run(a));
        return out;
    });
}

void ExtractQueue::write_oldest() {
    // get() first: until the task is done it reads the articles in place
    const std::vector<Extraction> extractions = running_.front().extractions.get();
    Batch b = std::move(running_.front());
    running_.pop_front();
    for (std::size_t i = 0; i < b.articles.size(); ++i)
        write_(b.articles[i], extractions[i]);
}

}  // namespace rabta::detail
