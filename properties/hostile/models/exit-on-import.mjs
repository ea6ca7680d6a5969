// Issue #20 item 10: a module that ends the process while it is imported (exit 0: it would have
// looked like success).
process.exit(0);
