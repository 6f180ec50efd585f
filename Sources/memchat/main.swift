import MemchatCLI
