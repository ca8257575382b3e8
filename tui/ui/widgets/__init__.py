"""One widget per module: the panes and the lists they are made of."""
