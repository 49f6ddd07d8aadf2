// The wizard panel's view type, shared by the light activation code and the lazily loaded wizard.
export const VIEW_TYPE = 'servelint.wizard';
