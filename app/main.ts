document.querySelector('#app')!.textContent = 'Pulse'
