-- A user's init.lua for Neovim 0.11+: the gongkai folder on 'runtimepath', then enable.
vim.opt.rtp:prepend(vim.env.GONGKAI_NVIM_DIR)
vim.lsp.enable('gongkai')
