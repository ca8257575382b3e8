"""Looking at a model: filter, index, times in words, agenda, the whole visit, the timeline."""
