export * from './names.js'
export * from './settings.js'
