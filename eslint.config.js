import antfu from '@antfu/eslint-config'

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
})
