import antfu from '@antfu/eslint-config'
import vueI18n from '@intlify/eslint-plugin-vue-i18n'

export default antfu({
  vue: true,
  typescript: true,
  ignores: ['.output/**', 'data/**', 'bench/results/**', 'tests/e2e/screenshots/**', 'docs/**/*.md', 'tests/fixtures/**'],
}, {
  rules: {
    'no-console': 'off',
    'node/prefer-global/process': 'off',
    'node/prefer-global/buffer': 'off',
  },
}, {
  // Every word a merchant reads comes from the message files: raw text in a template is an error.
  // Punctuation, symbols and digits alone (·, ▲, ×, →, …) carry no language and stay allowed, and so does
  // the product's name.
  files: ['app/**/*.vue'],
  plugins: { '@intlify/vue-i18n': vueI18n },
  rules: {
    '@intlify/vue-i18n/no-raw-text': ['error', {
      ignorePattern: '^[\\s\\p{P}\\p{S}\\p{N}]*$',
      ignoreText: ['Pulse'],
      attributes: {
        '/.+/': ['title', 'aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'alt', 'label'],
      },
    }],
  },
})
