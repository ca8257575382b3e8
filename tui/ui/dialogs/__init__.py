"""One modal per module: questions, pickers, export, help, text pages."""
