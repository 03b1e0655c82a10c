"""What a site lists (robots.txt, sitemaps, news sitemaps, feeds) and the crawl-trap budget."""
